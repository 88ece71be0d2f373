using PokerTracker.HandHistories.Parsing;

namespace PokerTracker.HandHistories.Tests;

/// <summary>The hand files under Hands/, read as an importer would.</summary>
internal static class HandFiles
{
    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "Hands", name);

    public static async Task<List<HandParseResult>> ReadAsync(string name)
    {
        using var reader = new StreamReader(Path(name));
        return await ReadTextAsync(reader);
    }

    public static async Task<List<HandParseResult>> ReadTextAsync(TextReader reader)
    {
        var results = new List<HandParseResult>();
        await foreach (var result in HandHistoryReader.Default.ReadAsync(reader))
        {
            results.Add(result);
        }

        return results;
    }
}
