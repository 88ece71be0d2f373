using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;

namespace PokerTracker.Tools.LoadGen;

/// <summary>
/// An EventPipe session on another process's diagnostics port, its events handed to
/// <c>subscribe</c>'s handlers on a reader task until the session is stopped (or the process exits).
/// </summary>
public sealed class EventPipeReader : IDisposable
{
    private readonly EventPipeSession _session;
    private readonly Task _reader;

    public EventPipeReader(int pid, EventPipeProvider provider, Action<EventPipeEventSource> subscribe)
    {
        _session = new DiagnosticsClient(pid).StartEventPipeSession(provider, requestRundown: false);
        _reader = Task.Run(() =>
        {
            using var source = new EventPipeEventSource(_session.EventStream);
            subscribe(source);
            try
            {
                source.Process();
            }
            catch (Exception ex) when (ex is IOException or EndOfStreamException or ObjectDisposedException or InvalidOperationException)
            {
                // The session ends when it is stopped or the process exits.
            }
        });
    }

    public void Dispose()
    {
        try
        {
            _session.Stop();
        }
        catch (Exception ex) when (ex is ServerNotAvailableException or IOException or TimeoutException)
        {
            // the process is gone
        }

        _reader.Wait(TimeSpan.FromSeconds(5));
        _session.Dispose();
    }
}
