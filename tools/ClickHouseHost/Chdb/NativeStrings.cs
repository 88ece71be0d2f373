using System.Runtime.InteropServices;
using System.Text;

namespace PokerTracker.Tools.ClickHouseHost.Chdb;

/// <summary>UTF-8 copies of strings in native memory, with their lengths, freed together.</summary>
internal sealed unsafe class NativeStrings : IDisposable
{
    private readonly byte*[] _pointers;
    private readonly nuint[] _lengths;
    private readonly byte** _pointerArray;
    private readonly nuint* _lengthArray;

    public NativeStrings(IReadOnlyList<string> values)
    {
        Count = values.Count;
        _pointers = new byte*[Count];
        _lengths = new nuint[Count];
        _pointerArray = (byte**)NativeMemory.Alloc((nuint)Math.Max(1, Count), (nuint)sizeof(byte*));
        _lengthArray = (nuint*)NativeMemory.Alloc((nuint)Math.Max(1, Count), (nuint)sizeof(nuint));
        for (var i = 0; i < Count; i++)
        {
            var bytes = Encoding.UTF8.GetBytes(values[i]);
            // NUL-terminated as well, for the functions that read C strings.
            var p = (byte*)NativeMemory.Alloc((nuint)bytes.Length + 1);
            bytes.AsSpan().CopyTo(new Span<byte>(p, bytes.Length));
            p[bytes.Length] = 0;
            _pointers[i] = p;
            _lengths[i] = (nuint)bytes.Length;
            _pointerArray[i] = p;
            _lengthArray[i] = (nuint)bytes.Length;
        }
    }

    public int Count { get; }

    public byte** Pointers => Count == 0 ? null : _pointerArray;

    public nuint* Lengths => Count == 0 ? null : _lengthArray;

    public byte* this[int index] => _pointers[index];

    public nuint Length(int index) => _lengths[index];

    public void Dispose()
    {
        foreach (var p in _pointers)
        {
            NativeMemory.Free(p);
        }

        NativeMemory.Free(_pointerArray);
        NativeMemory.Free(_lengthArray);
    }
}
