using PokerTracker.Contracts.Events;

namespace PokerTracker.Contracts.Sessions;

/// <summary>The words the APIs, CSV and the analytics store use for the events' enums.</summary>
public static class EventNames
{
    public static readonly IReadOnlyDictionary<SessionKind, string> Kinds = new Dictionary<SessionKind, string>
    {
        [SessionKind.Cash] = "cash",
        [SessionKind.Tournament] = "tournament",
    };

    public static readonly IReadOnlyDictionary<GameType, string> Games = new Dictionary<GameType, string>
    {
        [GameType.Nlhe] = "NLHE",
        [GameType.Plo] = "PLO",
        [GameType.Plo5] = "PLO5",
        [GameType.Lhe] = "LHE",
        [GameType.Stud] = "Stud",
        [GameType.Mixed] = "Mixed",
        [GameType.Other] = "Other",
    };

    public static readonly IReadOnlyDictionary<PlayFormat, string> Formats = new Dictionary<PlayFormat, string>
    {
        [PlayFormat.Live] = "live",
        [PlayFormat.Online] = "online",
    };

    public static readonly IReadOnlyDictionary<BuyInKind, string> BuyInKinds = new Dictionary<BuyInKind, string>
    {
        [BuyInKind.Initial] = "initial",
        [BuyInKind.Rebuy] = "rebuy",
        [BuyInKind.AddOn] = "add-on",
    };

    public static readonly IReadOnlyDictionary<ExpenseKind, string> ExpenseKinds = new Dictionary<ExpenseKind, string>
    {
        [ExpenseKind.Tips] = "tips",
        [ExpenseKind.Food] = "food",
        [ExpenseKind.Travel] = "travel",
        [ExpenseKind.Other] = "other",
    };

    public static string Name<T>(this IReadOnlyDictionary<T, string> names, T value) where T : notnull =>
        names.TryGetValue(value, out var name) ? name : "unknown";

    /// <summary>Case-insensitive reverse look-up; false for anything not in the list.</summary>
    public static bool TryParse<T>(this IReadOnlyDictionary<T, string> names, string? text, out T value) where T : notnull
    {
        foreach (var (key, name) in names)
        {
            if (string.Equals(name, text?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                value = key;
                return true;
            }
        }

        value = default!;
        return false;
    }

    /// <summary>The event's type name as used in SSE event names and Kafka headers (e.g. <c>StackUpdated</c>).</summary>
    public static string TypeName(this SessionEventEnvelope envelope) => envelope.PayloadCase switch
    {
        SessionEventEnvelope.PayloadOneofCase.SessionStarted => "SessionStarted",
        SessionEventEnvelope.PayloadOneofCase.BuyInAdded => "BuyInAdded",
        SessionEventEnvelope.PayloadOneofCase.StackUpdated => "StackUpdated",
        SessionEventEnvelope.PayloadOneofCase.HandNoteAdded => "HandNoteAdded",
        SessionEventEnvelope.PayloadOneofCase.ExpenseAdded => "ExpenseAdded",
        SessionEventEnvelope.PayloadOneofCase.BreakStarted => "BreakStarted",
        SessionEventEnvelope.PayloadOneofCase.BreakEnded => "BreakEnded",
        SessionEventEnvelope.PayloadOneofCase.SessionEnded => "SessionEnded",
        SessionEventEnvelope.PayloadOneofCase.SessionCorrected => "SessionCorrected",
        SessionEventEnvelope.PayloadOneofCase.SessionDiscarded => "SessionDiscarded",
        SessionEventEnvelope.PayloadOneofCase.HandNoteEdited => "HandNoteEdited",
        SessionEventEnvelope.PayloadOneofCase.HandNoteDeleted => "HandNoteDeleted",
        SessionEventEnvelope.PayloadOneofCase.ExpenseDeleted => "ExpenseDeleted",
        _ => "Unknown",
    };
}
