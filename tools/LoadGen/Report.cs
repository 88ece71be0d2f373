using System.Text.Json;

namespace PokerTracker.Tools.LoadGen;

/// <summary>The benchmark's results: a table and the notes in the terminal, everything in <c>.bench/results.json</c>.</summary>
public static class Report
{
    public static async Task WriteAsync(List<LoadResult> results, Dictionary<string, object> notes, int seconds)
    {
        Console.WriteLine();
        Console.WriteLine($"{"scenario",-44} {"requests",9} {"errors",7} {"per s",9} {"p50 ms",8} {"p90 ms",8} {"p99 ms",8}");
        foreach (var r in results)
        {
            Console.WriteLine($"{r.Scenario,-44} {r.Requests,9} {r.Errors,7} {r.PerSecond,9:F0} {r.P50Ms,8:F2} {r.P90Ms,8:F2} {r.P99Ms,8:F2}");
        }

        foreach (var (key, value) in notes)
        {
            Console.WriteLine($"{key}: {JsonSerializer.Serialize(value)}");
        }

        Directory.CreateDirectory(Path.Combine(RepoPaths.Root, ".bench"));
        var output = Path.Combine(RepoPaths.Root, ".bench", "results.json");
        await File.WriteAllTextAsync(output, JsonSerializer.Serialize(new { machine = $"{Environment.ProcessorCount} cores, {Environment.OSVersion}", seconds, results, notes },
            new JsonSerializerOptions { WriteIndented = true }));
        Console.WriteLine($"written {output}");
    }
}
