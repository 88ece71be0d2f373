using System.Net;
using System.Net.Sockets;

namespace PokerTracker.Tools.KafkaHost;

/// <summary>
/// Accepts connections on a fixed port and pipes each one to the broker's real port, so every
/// client can use one stable, externally allocated address.
/// </summary>
internal sealed class TcpForwarder(IPEndPoint listenOn, IPEndPoint target) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly TcpListener _listener = new(listenOn);
    private Task _acceptLoop = Task.CompletedTask;

    private int _open;

    // Completed while bytes flow; a pending one while the broker plays dead (Freeze .. Thaw).
    private TaskCompletionSource _flowing = Flowing();

    private static TaskCompletionSource Flowing()
    {
        var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        open.SetResult();
        return open;
    }

    /// <summary>
    /// A hung broker, as its clients see one: connections stay open and new ones are taken, but no
    /// byte moves either way until <see cref="Thaw"/>. Freezing the whole process (SIGSTOP) did the
    /// same from outside, but the mock cluster did not always listen again after it.
    /// </summary>
    public void Freeze()
    {
        if (_flowing.Task.IsCompleted)
        {
            Volatile.Write(ref _flowing, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        }
    }

    public void Thaw() => _flowing.TrySetResult();

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Client connections open right now.</summary>
    public int OpenConnections => Volatile.Read(ref _open);

    public void Start()
    {
        _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Start(512);
        _acceptLoop = AcceptLoopAsync(_stop.Token);
    }

    private async Task AcceptLoopAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (SocketException)
            {
                continue;
            }

            _ = PipeAsync(client, ct);
        }
    }

    private async Task PipeAsync(Socket client, CancellationToken ct)
    {
        using var upstream = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        Interlocked.Increment(ref _open);
        using (client)
        {
            client.NoDelay = true;
            try
            {
                await upstream.ConnectAsync(target, ct);
                await using var a = new NetworkStream(client, ownsSocket: false);
                await using var b = new NetworkStream(upstream, ownsSocket: false);
                await Task.WhenAny(CopyAsync(a, b, ct), CopyAsync(b, a, ct));
            }
            catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException)
            {
                // One side went away: closing both ends is all there is to do.
            }
            finally
            {
                Interlocked.Decrement(ref _open);
            }
        }
    }

    private async Task CopyAsync(Stream from, Stream to, CancellationToken ct)
    {
        var buffer = new byte[64 * 1024];
        while (true)
        {
            await Volatile.Read(ref _flowing).Task.WaitAsync(ct);
            var read = await from.ReadAsync(buffer, ct);
            if (read == 0)
            {
                return;
            }

            await Volatile.Read(ref _flowing).Task.WaitAsync(ct);
            await to.WriteAsync(buffer.AsMemory(0, read), ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _acceptLoop;
        _stop.Dispose();
    }
}
