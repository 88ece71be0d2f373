using System.Diagnostics;
using System.Security.Cryptography;
using PokerTracker.Trainer.Cards;
using PokerTracker.Trainer.Equity;
using PokerTracker.Trainer.Evaluation;

// The exact preflop all-in equity of every pair of hand classes (169 × 169): for each pair, every
// pair of non-overlapping combinations, up to suit permutation (each canonical pair counted with
// its weight), against every board of the 48 remaining cards. Writes the table and its SHA-256.
//   dotnet run -c Release --project tools/EquityTableBuilder -- Trainer/Data/preflop-equity.bin
//   dotnet run -c Release --project tools/EquityTableBuilder -- --pair AA KK     (one class pair, to check)
if (args is ["--pair", var x, var y])
{
    var one = Exact(HandClass.Parse(x), HandClass.Parse(y));
    Console.WriteLine($"{x} vs {y}: {one.FirstEquity:P3} ({one.FirstWins:N0} wins, {one.SecondWins:N0} losses, {one.Ties:N0} ties)");
    return;
}

var output = args.Length > 0 ? args[0] : Path.Combine("Trainer", "Data", "preflop-equity.bin");

var watch = Stopwatch.StartNew();
var probe = Random.Shared;
long checksum = 0;
for (var n = 0; n < 5_000_000; n++)
{
    checksum += HandEvaluator.Evaluate(RandomHand(probe));
}

Console.WriteLine($"evaluator: {5_000_000 / watch.Elapsed.TotalSeconds / 1e6:0.0} M hands/s on one core ({checksum % 7})");

var pairs = new List<(int I, int J)>();
for (var i = 0; i < HandClass.Count; i++)
{
    for (var j = i; j < HandClass.Count; j++)
    {
        pairs.Add((i, j));
    }
}

var results = new EquityCounts[HandClass.Count, HandClass.Count];
var done = 0;
watch.Restart();
Parallel.ForEach(pairs, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, pair =>
{
    results[pair.I, pair.J] = Exact(HandClass.FromIndex(pair.I), HandClass.FromIndex(pair.J));
    var finished = Interlocked.Increment(ref done);
    if (finished % 250 == 0)
    {
        var left = watch.Elapsed / finished * (pairs.Count - finished);
        Console.WriteLine($"{finished}/{pairs.Count} class pairs, {watch.Elapsed:hh\\:mm\\:ss} so far, about {left:hh\\:mm\\:ss} left");
    }
});

Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
await using (var file = File.Create(output))
{
    EquityTable.Write(file, (i, j) => results[i, j]);
}

var hash = Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(output))).ToLowerInvariant();
await File.WriteAllTextAsync(output + ".sha256", $"{hash}  {Path.GetFileName(output)}\n");
Console.WriteLine($"wrote {output} ({new FileInfo(output).Length:N0} bytes) in {watch.Elapsed:hh\\:mm\\:ss}; sha256 {hash}");

static ulong RandomHand(Random random)
{
    ulong mask = 0;
    while (ulong.PopCount(mask) < 7)
    {
        mask |= Card.FromIndex(random.Next(52)).Mask;
    }

    return mask;
}

static EquityCounts Exact(HandClass first, HandClass second)
{
    // Canonical combination pairs under the 24 suit permutations, with how many pairs each stands for.
    var canonical = new Dictionary<long, (Card A1, Card A2, Card B1, Card B2, int Weight)>();
    foreach (var (a1, a2) in first.Hands())
    {
        foreach (var (b1, b2) in second.Hands())
        {
            if ((a1.Mask | a2.Mask) is var a && (b1.Mask | b2.Mask) is var b && (a & b) != 0)
            {
                continue;
            }

            var key = SuitIsomorphism.CanonicalKey(a1, a2, b1, b2);
            canonical[key] = canonical.TryGetValue(key, out var seen) ? seen with { Weight = seen.Weight + 1 } : (a1, a2, b1, b2, 1);
        }
    }

    var total = new EquityCounts(0, 0, 0);
    foreach (var (a1, a2, b1, b2, weight) in canonical.Values)
    {
        total += Boards(a1.Mask | a2.Mask, b1.Mask | b2.Mask) * weight;
    }

    return total;
}

static EquityCounts Boards(ulong a, ulong b)
{
    Span<ulong> deck = stackalloc ulong[48];
    var n = 0;
    foreach (var card in Card.Deck())
    {
        if (((a | b) & card.Mask) == 0)
        {
            deck[n++] = card.Mask;
        }
    }

    long winsA = 0, winsB = 0, ties = 0;
    for (var c1 = 0; c1 < n - 4; c1++)
    {
        var m1 = deck[c1];
        for (var c2 = c1 + 1; c2 < n - 3; c2++)
        {
            var m2 = m1 | deck[c2];
            for (var c3 = c2 + 1; c3 < n - 2; c3++)
            {
                var m3 = m2 | deck[c3];
                for (var c4 = c3 + 1; c4 < n - 1; c4++)
                {
                    var m4 = m3 | deck[c4];
                    for (var c5 = c4 + 1; c5 < n; c5++)
                    {
                        var board = m4 | deck[c5];
                        var va = HandEvaluator.Evaluate(a | board);
                        var vb = HandEvaluator.Evaluate(b | board);
                        if (va > vb) winsA++;
                        else if (vb > va) winsB++;
                        else ties++;
                    }
                }
            }
        }
    }

    return new EquityCounts(winsA, winsB, ties);
}
