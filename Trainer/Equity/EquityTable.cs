using System.Buffers.Binary;
using System.Security.Cryptography;
using PokerTracker.Trainer.Cards;

namespace PokerTracker.Trainer.Equity;

/// <summary>
/// The exact preflop all-in equity of every hand class against every other (built by
/// tools/EquityTableBuilder over every board; shipped in this assembly with its SHA-256), and how
/// many combination pairs each class pair has once cards cannot be dealt twice (card removal).
/// </summary>
public sealed class EquityTable
{
    private const uint Magic = 0x51455450; // "PTEQ"
    private const int Version = 1;

    private readonly double[] _equity = new double[HandClass.Count * HandClass.Count];
    private readonly int[] _pairs = new int[HandClass.Count * HandClass.Count];
    private readonly EquityCounts[] _counts = new EquityCounts[HandClass.Count * HandClass.Count];

    private EquityTable(Func<int, int, EquityCounts> upper)
    {
        for (var i = 0; i < HandClass.Count; i++)
        {
            for (var j = i; j < HandClass.Count; j++)
            {
                var counts = upper(i, j);
                _counts[i * HandClass.Count + j] = counts;
                _counts[j * HandClass.Count + i] = counts.Swapped;
            }
        }

        for (var i = 0; i < HandClass.Count; i++)
        {
            for (var j = 0; j < HandClass.Count; j++)
            {
                _equity[i * HandClass.Count + j] = _counts[i * HandClass.Count + j].FirstEquity;
                _pairs[i * HandClass.Count + j] = CompatiblePairs(HandClass.FromIndex(i), HandClass.FromIndex(j));
            }
        }
    }

    /// <summary>The table shipped with the trainer (checked against its SHA-256 when loaded).</summary>
    public static EquityTable Default => Shipped.Value;

    private static readonly Lazy<EquityTable> Shipped = new(() =>
    {
        using var stream = typeof(EquityTable).Assembly.GetManifestResourceStream("preflop-equity.bin")
            ?? throw new InvalidOperationException("The preflop equity table is not in the assembly: run tools/EquityTableBuilder.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return Read(copy.ToArray());
    }, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The first class's share of the pot, all in preflop against the second (card removal included).</summary>
    public double Equity(int first, int second) => _equity[first * HandClass.Count + second];

    public double Equity(HandClass first, HandClass second) => Equity(first.Index, second.Index);

    public EquityCounts Counts(int first, int second) => _counts[first * HandClass.Count + second];

    /// <summary>How many (first, second) combination pairs can be dealt together: how likely that matchup is.</summary>
    public int Pairs(int first, int second) => _pairs[first * HandClass.Count + second];

    /// <summary>SHA-256 of the serialized table, lower-case hex.</summary>
    public string Checksum { get; private set; } = "";

    public static int CompatiblePairs(HandClass first, HandClass second)
    {
        var count = 0;
        foreach (var (a1, a2) in first.Hands())
        {
            var a = a1.Mask | a2.Mask;
            foreach (var (b1, b2) in second.Hands())
            {
                if (((b1.Mask | b2.Mask) & a) == 0)
                {
                    count++;
                }
            }
        }

        return count;
    }

    /// <summary>Header, then for each i ≤ j the first class's wins, the second's wins and ties (little-endian 64-bit).</summary>
    public static void Write(Stream output, Func<int, int, EquityCounts> upper)
    {
        Span<byte> word = stackalloc byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(word, Magic);
        output.Write(word[..4]);
        BinaryPrimitives.WriteInt32LittleEndian(word, Version);
        output.Write(word[..4]);
        for (var i = 0; i < HandClass.Count; i++)
        {
            for (var j = i; j < HandClass.Count; j++)
            {
                var counts = upper(i, j);
                foreach (var value in new[] { counts.FirstWins, counts.SecondWins, counts.Ties })
                {
                    BinaryPrimitives.WriteInt64LittleEndian(word, value);
                    output.Write(word);
                }
            }
        }
    }

    public static EquityTable Read(byte[] bytes)
    {
        if (bytes.Length < 8 || BinaryPrimitives.ReadUInt32LittleEndian(bytes) != Magic || BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(4)) != Version)
        {
            throw new InvalidDataException("Not a preflop equity table of this version.");
        }

        var expected = 8 + HandClass.Count * (HandClass.Count + 1) / 2 * 24;
        if (bytes.Length != expected)
        {
            throw new InvalidDataException($"A preflop equity table has {expected} bytes, not {bytes.Length}.");
        }

        var offset = 8;
        var upper = new EquityCounts[HandClass.Count, HandClass.Count];
        for (var i = 0; i < HandClass.Count; i++)
        {
            for (var j = i; j < HandClass.Count; j++)
            {
                upper[i, j] = new EquityCounts(
                    BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(offset)),
                    BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(offset + 8)),
                    BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(offset + 16)));
                offset += 24;
            }
        }

        return new EquityTable((i, j) => upper[i, j]) { Checksum = Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant() };
    }
}
