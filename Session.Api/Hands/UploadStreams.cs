using System.IO.Hashing;

namespace PokerTracker.SessionApi.Hands;

/// <summary>A zip expands to more than the upload may: the rest is not read.</summary>
public sealed class UploadTooLargeException(long max)
    : Exception($"The zip expands to more than {max / (1024 * 1024)} MB; the rest of it was not read.");

/// <summary>Bytes an upload's zips may expand to, shared by all their entries (a small zip can hold gigabytes).</summary>
internal sealed class UnpackBudget(long limit)
{
    private long _spent;

    public void Spend(int bytes)
    {
        if ((_spent += bytes) > limit)
        {
            throw new UploadTooLargeException(limit);
        }
    }
}

/// <summary>Reads an inner stream, spending every byte from the budget.</summary>
internal sealed class BudgetedStream(Stream inner, UnpackBudget budget) : ReadOnlyStream
{
    public override int Read(byte[] buffer, int offset, int count) => Spent(inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Spent(await inner.ReadAsync(buffer, cancellationToken));

    private int Spent(int read)
    {
        budget.Spend(read);
        return read;
    }
}

/// <summary>
/// A zip entry's content, checked against the CRC-32 its zip records once it is read to its end
/// (<see cref="Damaged"/>): a damaged entry whose compressed data still inflates is not taken for a
/// good one. It does not throw, so the hands read before the end are all imported.
/// </summary>
internal sealed class CrcCheckedStream(Stream inner, uint expected) : ReadOnlyStream
{
    private readonly Crc32 _crc = new();

    /// <summary>Read to its end, and its bytes are not those the zip recorded.</summary>
    public bool Damaged { get; private set; }

    public override int Read(byte[] buffer, int offset, int count) => Checked(buffer.AsSpan(offset, inner.Read(buffer, offset, count)), count);

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken);
        return Checked(buffer.Span[..read], buffer.Length);
    }

    private int Checked(ReadOnlySpan<byte> read, int asked)
    {
        _crc.Append(read);
        if (read.IsEmpty && asked > 0)
        {
            Damaged = _crc.GetCurrentHashAsUInt32() != expected;
        }

        return read.Length;
    }
}

/// <summary>Bytes already read to recognise the content, then the rest of the stream.</summary>
internal sealed class PrefixedStream(ReadOnlyMemory<byte> prefix, Stream rest) : ReadOnlyStream
{
    private ReadOnlyMemory<byte> _prefix = prefix;

    public override int Read(byte[] buffer, int offset, int count)
    {
        if (_prefix.IsEmpty)
        {
            return rest.Read(buffer, offset, count);
        }

        var n = Math.Min(count, _prefix.Length);
        _prefix.Span[..n].CopyTo(buffer.AsSpan(offset, n));
        _prefix = _prefix[n..];
        return n;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_prefix.IsEmpty)
        {
            return await rest.ReadAsync(buffer, cancellationToken);
        }

        var n = Math.Min(buffer.Length, _prefix.Length);
        _prefix[..n].CopyTo(buffer);
        _prefix = _prefix[n..];
        return n;
    }
}

/// <summary>A forward-only readable stream.</summary>
internal abstract class ReadOnlyStream : Stream
{
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
