using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace PokerTracker.TestSupport;

/// <summary>
/// A real engine process started by a test fixture: waits until it prints its ready line, keeps
/// its output for failure messages, and is killed (whole tree) on dispose.
/// </summary>
public sealed class LocalProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly TaskCompletionSource<string> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string _readyPrefix;

    private LocalProcess(ProcessStartInfo start, string readyPrefix)
    {
        _readyPrefix = readyPrefix;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        _process = new Process { StartInfo = start, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => OnLine(e.Data);
        _process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        _process.Exited += (_, _) => _ready.TrySetException(new InvalidOperationException(
            $"{start.FileName} exited with {_process.ExitCode} before it was ready:\n{Output}"));
    }

    public int Id => _process.Id;

    public string Output => string.Join('\n', _output);

    /// <summary>The rest of the ready line after its prefix (e.g. the address it listens on).</summary>
    public string ReadyValue { get; private set; } = "";

    public static async Task<LocalProcess> StartAsync(ProcessStartInfo start, string readyPrefix, TimeSpan timeout)
    {
        var process = new LocalProcess(start, readyPrefix);
        process._process.Start();
        process._process.BeginOutputReadLine();
        process._process.BeginErrorReadLine();
        try
        {
            process.ReadyValue = await process._ready.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            await process.DisposeAsync();
            throw new TimeoutException($"{start.FileName} did not print '{readyPrefix}' within {timeout}:\n{process.Output}");
        }

        return process;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 400 && _output.TryDequeue(out _))
        {
        }

        var at = line.IndexOf(_readyPrefix, StringComparison.Ordinal);
        if (at >= 0)
        {
            _ready.TrySetResult(line[(at + _readyPrefix.Length)..].Trim());
        }
    }

    /// <summary>Asks the process to stop (SIGTERM), as an orchestrator does, and waits for it.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        if (_process.HasExited)
        {
            return;
        }

        _ = Kill(_process.Id, 15);
        await _process.WaitForExitAsync().WaitAsync(timeout);
    }

    /// <summary>Sends the process a signal it handles itself (as the broker's SIGUSR1 and SIGUSR2).</summary>
    public void Signal(int signal) => _ = Kill(_process.Id, signal);

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    /// <summary>Ends the process the hard way (SIGKILL), as a crash would.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await KillAsync();
        }
        catch (InvalidOperationException)
        {
            // never started or already gone
        }

        _process.Dispose();
    }
}
