using System.Diagnostics;
using System.Text;
using Confluent.Kafka;

namespace PokerTracker.Analytics.Ingestion;

/// <summary>
/// Tracing for a batch that serves many traces at once: the commands whose events are in it each
/// get their own "process" span (child of the producer span that crossed Kafka in the traceparent
/// header), and every step of storing the batch shows up as a child span in each of those traces.
/// The batch has no span of its own: it would be a root trace beside every player's action
/// (the dashboard's Traces page shows one trace per action, the batch size is a tag and a metric).
/// </summary>
internal sealed class BatchTracing : IDisposable
{
    private readonly ActivitySource _source;
    private readonly List<Activity> _perTrace;

    public BatchTracing(ActivitySource source, IEnumerable<ConsumeResult<string, byte[]>> batch, int count)
    {
        _source = source;
        var parents = batch.Select(ParentOf).Where(p => p != default).Distinct().ToList();
        _perTrace = parents
            .Select(p => source.StartActivity("session-events process", ActivityKind.Consumer, p)
                ?.SetTag("messaging.system", "kafka")
                .SetTag("messaging.batch.message_count", count))
            .OfType<Activity>()
            .ToList();
    }

    /// <summary>A step of storing the batch, as a child span of every trace in it.</summary>
    public IDisposable Step(string name)
    {
        var spans = _perTrace.Select(parent => _source.StartActivity(name, ActivityKind.Client, parent.Context)).OfType<Activity>().ToList();
        return new Steps(spans);
    }

    public void Dispose()
    {
        foreach (var activity in _perTrace)
        {
            activity.Dispose();
        }
    }

    private static ActivityContext ParentOf(ConsumeResult<string, byte[]> message) =>
        message.Message.Headers?.TryGetLastBytes("traceparent", out var bytes) == true
        && ActivityContext.TryParse(Encoding.UTF8.GetString(bytes), null, out var parent)
            ? parent
            : default;

    private sealed class Steps(List<Activity> spans) : IDisposable
    {
        public void Dispose() => spans.ForEach(s => s.Dispose());
    }
}
