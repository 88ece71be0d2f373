namespace PokerTracker.Tools.LoadGen;

public static class RedisBenchmark
{
    public static double Run(int port)
    {
        using var process = System.Diagnostics.Process.Start(new ProcessStartInfo("redis-benchmark", $"-p {port} -t set -n 200000 -q") { RedirectStandardOutput = true })!;
        var text = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var match = System.Text.RegularExpressions.Regex.Match(text, @"SET: ([\d.]+) requests per second");
        return match.Success ? double.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : -1;
    }
}

public static class Memory
{
    public static double PeakMb(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM", StringComparison.Ordinal));
        return line is null ? -1 : Math.Round(long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024.0, 1);
    }
}
