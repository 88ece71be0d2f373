using CsvHelper.Configuration.Attributes;
using PokerTracker.Contracts.Sessions;
using PokerTracker.SharedKernel.Sessions;

namespace PokerTracker.SessionApi.Csv;

/// <summary>
/// One ended session in the CSV format (RFC 4180, header row, UTF-8). Money columns are integer
/// minor units of the row's currency; times are ISO 8601 with their offset, at the table's clock
/// when the session's time zone is known (<c>time_zone</c>), UTC otherwise; tags are separated by ';'.
/// </summary>
public sealed class SessionCsvRow
{
    [Name("session_id")] public Guid? SessionId { get; set; }
    [Name("kind")] public string Kind { get; set; } = "";
    [Name("game")] public string Game { get; set; } = "";
    [Name("game_name")] public string? GameName { get; set; }
    [Name("format")] public string Format { get; set; } = "";
    [Name("venue")] public string Venue { get; set; } = "";
    [Name("currency")] public string Currency { get; set; } = "";
    [Name("tags")] public string? Tags { get; set; }
    [Name("started_at")] public string StartedAt { get; set; } = "";
    [Name("ended_at")] public string EndedAt { get; set; } = "";

    /// <summary>The IANA zone the session was played in (empty when not known): what a time without an offset is read in.</summary>
    [Name("time_zone")] public string? TimeZone { get; set; }
    [Name("break_seconds")] public long BreakSeconds { get; set; }
    [Name("small_blind")] public long? SmallBlind { get; set; }
    [Name("big_blind")] public long? BigBlind { get; set; }
    [Name("ante")] public long? Ante { get; set; }
    [Name("straddle")] public long? Straddle { get; set; }
    [Name("tournament_buy_in")] public long? TournamentBuyIn { get; set; }
    [Name("tournament_fee")] public long? TournamentFee { get; set; }
    [Name("total_buy_in")] public long TotalBuyIn { get; set; }
    [Name("total_expenses")] public long TotalExpenses { get; set; }
    [Name("cash_out")] public long? CashOut { get; set; }
    [Name("prize")] public long? Prize { get; set; }
    [Name("finish_position")] public int? FinishPosition { get; set; }
    [Name("field_size")] public int? FieldSize { get; set; }
    [Name("hands_played")] public int? HandsPlayed { get; set; }
    [Name("net_result")] public long NetResult { get; set; }

    /// <summary>The session's notes, one per line, or parted by a blank line when one has lines of its own (<see cref="CsvNotes"/>).</summary>
    [Name("notes")] public string? Notes { get; set; }

    public static SessionCsvRow From(SessionState s)
    {
        var end = s.EndedAt ?? s.UpdatedAt;
        var played = s.PlayingTime(end);
        var zone = Infrastructure.IanaZones.Find(s.TimeZone);
        return new SessionCsvRow
        {
            SessionId = s.Id,
            Kind = s.Kind,
            Game = s.Game,
            GameName = s.GameName.Length == 0 ? null : CsvFormat.Defuse(s.GameName),
            Format = s.Format,
            Venue = CsvFormat.Defuse(s.Venue),
            Currency = s.Currency,
            Tags = s.Tags.Count == 0 ? null : CsvFormat.Defuse(string.Join(';', s.Tags)),
            StartedAt = CsvFormat.Time(s.StartedAt, zone),
            EndedAt = CsvFormat.Time(end, zone),
            TimeZone = zone?.Id,
            BreakSeconds = (long)Math.Round((end - s.StartedAt - played).TotalSeconds),
            SmallBlind = s.Stakes?.SmallBlind,
            BigBlind = s.Stakes?.BigBlind,
            Ante = s.Stakes?.Ante,
            Straddle = s.Stakes?.Straddle,
            TournamentBuyIn = s.Tournament?.BuyIn,
            TournamentFee = s.Tournament?.Fee,
            TotalBuyIn = s.TotalInvested,
            TotalExpenses = s.TotalExpenses,
            CashOut = s.CashOut,
            Prize = s.Prize,
            FinishPosition = s.FinishPosition,
            FieldSize = s.FieldSize,
            HandsPlayed = s.HandsPlayed,
            NetResult = s.NetResult,
            Notes = s.Notes.Count == 0 ? null : CsvFormat.Defuse(CsvNotes.Join(s.Notes.Select(n => n.Text))),
        };
    }
}
