namespace PokerTracker.Tools.LoadGen;

public static class RedisBenchmark
{
    public static double Run(int port, string password)
    {
        using var process = System.Diagnostics.Process.Start(new ProcessStartInfo("redis-benchmark", $"-p {port} -a {password} -t set -n 200000 -q") { RedirectStandardOutput = true })!;
        var text = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var match = System.Text.RegularExpressions.Regex.Match(text, @"SET: ([\d.]+) requests per second");
        return match.Success ? double.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : -1;
    }
}

public static class Memory
{
    /// <summary>Starts the process's peak resident size (VmHWM) again from its current size (Linux clear_refs).</summary>
    public static void ResetPeak(int pid)
    {
        try
        {
            File.WriteAllText($"/proc/{pid}/clear_refs", "5");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // not allowed here: the peak then spans the whole run
        }
    }

    public static double PeakMb(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM", StringComparison.Ordinal));
        return line is null ? -1 : Math.Round(long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024.0, 1);
    }
}

/// <summary>
/// CPU time (user + system) a process has used so far, from /proc, with that of its children that ended:
/// Redis rewrites its append-only file in a forked child, whose work is Redis's as much as a command's.
/// A child still running when a window closes is counted in the window in which it ends.
/// </summary>
public static class Cpu
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux

    public static double Seconds(int pid)
    {
        var (own, children) = Read(pid);
        return own + children;
    }

    /// <summary>The process's own CPU seconds, and its ended (waited-for) children's.</summary>
    public static (double Own, double Children) Read(int pid)
    {
        // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15,
        // cutime 16, cstime 17.
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return ((long.Parse(fields[11]) + long.Parse(fields[12])) / TicksPerSecond, (long.Parse(fields[13]) + long.Parse(fields[14])) / TicksPerSecond);
    }

    /// <summary>Each process's share of the machine's CPU while <paramref name="work"/> ran, in cores.</summary>
    public static async Task<(T Result, Dictionary<string, double> Cores)> MeasureAsync<T>(IReadOnlyDictionary<string, int> processes, Func<Task<T>> work)
    {
        var before = processes.ToDictionary(p => p.Key, p => Seconds(p.Value));
        var watch = Stopwatch.StartNew();
        var result = await work();
        var elapsed = watch.Elapsed.TotalSeconds;
        return (result, processes.ToDictionary(p => p.Key, p => Math.Round((Seconds(p.Value) - before[p.Key]) / elapsed, 2)));
    }
}
