using ClickHouse.Driver.ADO.Parameters;
using ClickHouse.Driver.Utility;
using PokerTracker.Contracts;
using PokerTracker.SessionApi.Accounts;
using PokerTracker.SessionApi.Infrastructure;
using PokerTracker.SharedKernel.Sessions;

namespace PokerTracker.SessionApi.Notes;

/// <summary>One note that matched a search, with the session it belongs to.</summary>
/// <param name="TimeZone">The session's zone (its table's clock), null when not known.</param>
public sealed record NoteHit(Guid SessionId, string Venue, string Game, DateTimeOffset SessionStartedAt, string Status, long Sequence, string Text, DateTimeOffset At, DateTimeOffset? EditedAt, string? TimeZone);

/// <summary>
/// Searches the player's notes, every session's: the events table finds the sessions whose note
/// texts (as added or edited) contain the words, then each session's current notes are matched
/// again, so an edited or deleted note is found only as it is now.
/// </summary>
public sealed class NoteSearch(AnalyticsStore store, PlayerLimiters limiters)
{
    public const int MinLength = 2;
    public const int MaxLength = 100;
    public const int MaxLimit = 200;

    public async Task<IReadOnlyList<NoteHit>> SearchAsync(Caller caller, string? query, int limit, CancellationToken ct)
    {
        var q = query?.Trim() ?? "";
        if (q.Length is < MinLength or > MaxLength)
        {
            throw InvalidInputException.Field("q", $"Search for {MinLength} to {MaxLength} characters.");
        }

        if (limit is < 1 or > MaxLimit)
        {
            throw InvalidInputException.Field("limit", $"Must be between 1 and {MaxLimit}.");
        }

        limiters.ChargeStatistics(caller.UserId);
        var p = new ClickHouseParameterCollection();
        p.AddParameter("user", caller.UserId);
        p.AddParameter("q", q);
        var ids = await AnalyticsStore.Guard(async () =>
        {
            using var reader = await store.Client.ExecuteReaderAsync(
                $$"""
                SELECT DISTINCT session_id FROM {{AnalyticsTables.Events}}
                WHERE user_id = {user:String} AND type IN ('HandNoteAdded', 'HandNoteEdited') AND positionCaseInsensitiveUTF8(text, {q:String}) > 0
                """, p, cancellationToken: ct);
            var found = new List<Guid>();
            while (await reader.ReadAsync(ct))
            {
                found.Add(reader.GetGuid(0));
            }

            return found;
        });

        var sessions = await store.SessionsAsync(caller.UserId, ids.ToArray(), ct);
        return sessions
            .Where(s => s.Status != SessionStatus.Discarded)
            .SelectMany(s => s.Notes
                .Where(n => n.Text.Contains(q, StringComparison.CurrentCultureIgnoreCase))
                .Select(n => new NoteHit(s.Id, s.Venue, s.Game, s.StartedAt, s.Status.ToString().ToLowerInvariant(), n.Sequence, n.Text, n.At, n.EditedAt, Sessions.SessionView.Zone(s))))
            .OrderByDescending(h => h.At)
            .Take(limit)
            .ToList();
    }
}
