using System.Text.Json;
using Google.Protobuf;
using PokerTracker.Contracts.Events;
using PokerTracker.Contracts.Sessions;
using PokerTracker.SharedKernel.Sessions;

namespace PokerTracker.Analytics.Ingestion;

/// <summary>How events and sessions become rows of the analytics tables.</summary>
public static class Rows
{
    public static readonly string[] EventColumns =
    [
        "event_id", "session_id", "user_id", "sequence", "type", "occurred_at", "recorded_at", "schema_version",
        "amount", "kind", "text", "payload", "raw", "kafka_partition", "kafka_offset", "ingested_at",
    ];

    public static readonly string[] SessionColumns =
    [
        "session_id", "user_id", "version", "status", "kind", "game", "game_name", "format", "venue", "currency", "tags",
        "stakes", "small_blind", "big_blind", "tournament_buy_in", "tournament_fee", "started_at", "ended_at", "playing_seconds",
        "invested", "expenses", "cash_out", "prize", "net_result", "hands_played", "finish_position", "field_size",
        "rebuys", "stack_updates", "notes", "breaks", "doc", "updated_at",
    ];

    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(true));

    public static object[] Event(SessionEventEnvelope e, int partition, long offset, DateTime ingestedAt)
    {
        var (amount, kind, text) = e.PayloadCase switch
        {
            SessionEventEnvelope.PayloadOneofCase.BuyInAdded => ((long?)e.BuyInAdded.Amount, EventNames.BuyInKinds.Name(e.BuyInAdded.Kind), ""),
            SessionEventEnvelope.PayloadOneofCase.StackUpdated => (e.StackUpdated.Amount, "", ""),
            SessionEventEnvelope.PayloadOneofCase.ExpenseAdded => (e.ExpenseAdded.Amount, EventNames.ExpenseKinds.Name(e.ExpenseAdded.Kind), e.ExpenseAdded.Description),
            SessionEventEnvelope.PayloadOneofCase.HandNoteAdded => (null, "", e.HandNoteAdded.Text),
            SessionEventEnvelope.PayloadOneofCase.HandNoteEdited => (null, "", e.HandNoteEdited.Text),
            SessionEventEnvelope.PayloadOneofCase.SessionEnded => (e.SessionEnded.CashOut + e.SessionEnded.Prize, "", ""),
            SessionEventEnvelope.PayloadOneofCase.SessionStarted => (null, EventNames.Kinds.Name(e.SessionStarted.Kind), e.SessionStarted.Venue),
            SessionEventEnvelope.PayloadOneofCase.SessionCorrected => (null, "", e.SessionCorrected.Reason),
            SessionEventEnvelope.PayloadOneofCase.SessionDiscarded => (null, "", e.SessionDiscarded.Reason),
            _ => ((long?)null, "", ""),
        };
        return
        [
            Guid.Parse(e.EventId), Guid.Parse(e.SessionId), e.UserId, e.Sequence, e.TypeName(),
            e.OccurredAt.ToDateTime(), e.RecordedAt.ToDateTime(), e.SchemaVersion,
            amount!, kind, text, Formatter.Format(e), Convert.ToBase64String(e.ToByteArray()), partition, offset, ingestedAt,
        ];
    }

    public static object[] Session(SessionState s)
    {
        var seconds = (long)s.PlayingTime(s.EndedAt ?? s.UpdatedAt).TotalSeconds;
        return
        [
            s.Id, s.OwnerId, s.Version, s.Status, s.Kind, s.Game, s.GameName, s.Format, s.Venue, s.Currency, s.Tags.ToArray(),
            s.Stakes?.Key ?? "", s.Stakes?.SmallBlind!, s.Stakes?.BigBlind!, s.Tournament?.BuyIn!, s.Tournament?.Fee!,
            s.StartedAt.UtcDateTime, s.EndedAt?.UtcDateTime!, seconds,
            s.TotalInvested, s.TotalExpenses, s.CashOut!, s.Prize!, s.NetResult, s.HandsPlayed!, s.FinishPosition!, s.FieldSize!,
            s.BuyIns.Count(b => b.Kind != "initial"), s.StackUpdates, s.Notes.Count, s.Breaks.Count,
            SessionStateJson.Serialize(s), s.UpdatedAt.UtcDateTime,
        ];
    }
}
