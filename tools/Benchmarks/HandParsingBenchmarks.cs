using System.Text;
using BenchmarkDotNet.Attributes;
using PokerTracker.HandHistories.Parsing;
using PokerTracker.HandHistories.Statistics;

namespace PokerTracker.Tools.Benchmarks;

/// <summary>
/// Hand-history parsing: a real PokerStars file (Zoom NL25, 423 hands, from the test corpus)
/// repeated to 8,460 hands, read from memory. The baseline reads the same text line by line
/// without parsing it; hands per second = 8,460 / mean.
/// </summary>
[MemoryDiagnoser]
public class HandParsingBenchmarks
{
    private const int Copies = 20;
    private byte[] _file = [];

    [GlobalSetup]
    public void Setup()
    {
        var corpus = Path.Combine(RepoRoot(), "tests", "HandHistories.Tests", "Hands", "corpus");
        var one = File.ReadAllText(Directory.GetFiles(corpus, "santiweight_*Hydra*.txt").Single());
        _file = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(one + "\n\n\n", Copies)));
    }

    [Benchmark(Baseline = true, Description = "read the file's lines (no parsing)")]
    public async Task<int> ReadLines()
    {
        using var reader = new StreamReader(new MemoryStream(_file));
        var lines = 0;
        while (await reader.ReadLineAsync() is not null)
        {
            lines++;
        }

        return lines;
    }

    [Benchmark(Description = "parse and check every hand")]
    public async Task<int> Parse()
    {
        using var reader = new StreamReader(new MemoryStream(_file));
        var hands = 0;
        await foreach (var result in HandHistoryReader.Default.ReadAsync(reader))
        {
            hands += result.Hand is null ? 0 : 1;
        }

        return hands;
    }

    [Benchmark(Description = "parse, check and count every player (VPIP, PFR, ...)")]
    public async Task<int> ParseAndCount()
    {
        using var reader = new StreamReader(new MemoryStream(_file));
        var players = 0;
        await foreach (var result in HandHistoryReader.Default.ReadAsync(reader))
        {
            if (result.Hand is { } hand)
            {
                players += PlayerFacts.Of(hand).Count;
            }
        }

        return players;
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PokerTracker.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("PokerTracker.sln not found above " + AppContext.BaseDirectory);
    }
}
