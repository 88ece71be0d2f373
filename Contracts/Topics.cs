namespace PokerTracker.Contracts;

/// <summary>Kafka topics of the product. The local broker pre-creates every one of them.</summary>
public static class Topics
{
    /// <summary>Every change to a session, keyed by session id (order per session).</summary>
    public const string SessionEvents = "session-events";

    /// <summary>Events the analytics worker could not read or store, with the reason in a header.</summary>
    public const string SessionEventsDeadLetter = "session-events-dlq";

    /// <summary>Tilt assessments and alerts, keyed by session id.</summary>
    public const string TiltAlerts = "tilt-alerts";

    /// <summary>Push/fold training: every spot dealt and decision graded, keyed by training id.</summary>
    public const string TrainingEvents = "training-events";

    /// <summary>Imported hand histories, in batches of new hands, keyed by user id.</summary>
    public const string HandEvents = "hand-events";

    /// <summary>Training events the analytics worker could not read or store.</summary>
    public const string TrainingEventsDeadLetter = "training-events-dlq";

    /// <summary>Hand events the analytics worker could not read or store.</summary>
    public const string HandEventsDeadLetter = "hand-events-dlq";

    public static readonly IReadOnlyList<string> All =
        [SessionEvents, SessionEventsDeadLetter, TiltAlerts, TrainingEvents, TrainingEventsDeadLetter, HandEvents, HandEventsDeadLetter];

    /// <summary>Where the analytics worker sets aside a message of <paramref name="topic"/> it cannot read or store.</summary>
    public static string DeadLetterOf(string topic) => topic switch
    {
        SessionEvents => SessionEventsDeadLetter,
        TrainingEvents => TrainingEventsDeadLetter,
        HandEvents => HandEventsDeadLetter,
        _ => throw new ArgumentOutOfRangeException(nameof(topic), topic, "no dead-letter topic"),
    };

    /// <summary>Partitions per topic; key order holds per partition.</summary>
    public const int Partitions = 4;
}
