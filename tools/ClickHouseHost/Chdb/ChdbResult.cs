namespace PokerTracker.Tools.ClickHouseHost.Chdb;

/// <summary>What one statement returned: its output in the requested format, or the engine's error text.</summary>
internal sealed record ChdbResult(
    byte[] Data,
    ulong RowsRead,
    ulong BytesRead,
    ulong RowsWritten,
    ulong BytesWritten,
    TimeSpan Elapsed,
    string? Error)
{
    public bool Failed => Error is not null;
}
