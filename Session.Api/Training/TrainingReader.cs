using ClickHouse.Driver.ADO.Parameters;
using ClickHouse.Driver.Utility;
using PokerTracker.Contracts;
using PokerTracker.SessionApi.Infrastructure;

namespace PokerTracker.SessionApi.Training;

public sealed record TrainingFigures(string Key, long Decisions, long Correct, double EvLost)
{
    public double Accuracy => Decisions == 0 ? 0 : Math.Round((double)Correct / Decisions, 4);

    public double EvLostPer100 => Decisions == 0 ? 0 : Math.Round(EvLost / Decisions * 100, 2);
}

/// <summary>Training statistics: overall, by stack depth and seat, and day by day (on the player's calendar, UTC when not given).</summary>
public sealed record TrainingStatistics(TrainingFigures Overall, IReadOnlyList<TrainingFigures> ByDepth, IReadOnlyList<TrainingFigures> BySeat, IReadOnlyList<TrainingFigures> ByDay);

/// <summary>Reads graded decisions from the analytics store.</summary>
public sealed class TrainingReader(AnalyticsStore store)
{
    private const string Depth = "multiIf(stack < 5, '1-4.9', stack < 10, '5-9.9', stack < 15, '10-14.9', stack < 25, '15-24.9', '25-50')";

    /// <param name="zone">The player's time zone (an IANA one, checked): the days are theirs. UTC when null.</param>
    public async Task<TrainingStatistics> StatisticsAsync(string userId, CancellationToken ct, TimeZoneInfo? zone = null)
    {
        var overall = (await FiguresAsync(userId, "'all'", ct)).FirstOrDefault() ?? new TrainingFigures("all", 0, 0, 0);
        return new TrainingStatistics(overall, await FiguresAsync(userId, Depth, ct), await FiguresAsync(userId, "seat", ct),
            await FiguresAsync(userId, "toString(toDate(decided_at, {zone:String}))", ct, zone?.Id ?? "UTC"));
    }

    /// <summary>The zone a statistics request asks its days in: null for UTC (none given, or empty, as /api/stats takes it); a name that is not an IANA zone is a 400.</summary>
    public static TimeZoneInfo? Zone(string? timeZone) => string.IsNullOrWhiteSpace(timeZone) ? null
        : IanaZones.Find(timeZone) ?? throw InvalidInputException.Field("timeZone", "Must be an IANA time zone, e.g. Europe/Paris.");

    /// <summary>Per player: decisions, correct ones and EV lost, for the given players since a time (leaderboards).</summary>
    public async Task<IReadOnlyList<TrainingFigures>> PlayersAsync(IReadOnlyCollection<string> userIds, DateTimeOffset? since, CancellationToken ct)
    {
        if (userIds.Count == 0)
        {
            return [];
        }

        var p = new ClickHouseParameterCollection();
        p.AddParameter("users", userIds.ToArray());
        p.AddParameter("since", (since ?? DateTimeOffset.UnixEpoch).UtcDateTime);
        return await AnalyticsStore.Guard(async () => await ReadAsync($$"""
            SELECT user_id, count(), countIf(correct), sum(ev_lost) FROM {{AnalyticsTables.TrainingDecisions}} FINAL
            WHERE user_id IN {users:Array(String)} AND decided_at >= {since:DateTime64(3, 'UTC')}
            GROUP BY user_id
            """, p, ct));
    }

    /// <summary>How many graded decisions of each training the analytics store holds (absent: none).</summary>
    public async Task<IReadOnlyDictionary<Guid, long>> StoredDecisionsAsync(IReadOnlyCollection<(string UserId, Guid Id)> trainings, CancellationToken ct)
    {
        if (trainings.Count == 0)
        {
            return new Dictionary<Guid, long>();
        }

        var p = new ClickHouseParameterCollection();
        p.AddParameter("users", trainings.Select(t => t.UserId).Distinct().ToArray());
        p.AddParameter("ids", trainings.Select(t => t.Id).ToArray());
        var rows = await AnalyticsStore.Guard(async () =>
        {
            using var reader = await store.Client.ExecuteReaderAsync($$"""
                SELECT training_id, count() FROM {{AnalyticsTables.TrainingDecisions}} FINAL
                WHERE user_id IN {users:Array(String)} AND training_id IN {ids:Array(UUID)}
                GROUP BY training_id
                """, p, cancellationToken: ct);
            var found = new List<(Guid Id, long Count)>();
            while (await reader.ReadAsync(ct))
            {
                found.Add((reader.GetGuid(0), Convert.ToInt64(reader.GetValue(1))));
            }

            return found;
        });
        return rows.ToDictionary(r => r.Id, r => r.Count);
    }

    private async Task<IReadOnlyList<TrainingFigures>> FiguresAsync(string userId, string key, CancellationToken ct, string zone = "UTC")
    {
        var p = new ClickHouseParameterCollection();
        p.AddParameter("user", userId);
        p.AddParameter("zone", zone);
        return await AnalyticsStore.Guard(async () => await ReadAsync($$"""
            SELECT {{key}} AS k, count(), countIf(correct), sum(ev_lost) FROM {{AnalyticsTables.TrainingDecisions}} FINAL
            WHERE user_id = {user:String}
            GROUP BY k ORDER BY toFloat64OrZero(splitByChar('-', k)[1]), k
            """, p, ct)); // depths by their lower bound ("5-9.9" before "10-14.9"; stacks are dealt to 0.1bb, so each band names its first and last), seats and days as they read
    }

    private async Task<List<TrainingFigures>> ReadAsync(string sql, ClickHouseParameterCollection p, CancellationToken ct)
    {
        using var reader = await store.Client.ExecuteReaderAsync(sql, p, cancellationToken: ct);
        var rows = new List<TrainingFigures>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new TrainingFigures(reader.GetString(0), Convert.ToInt64(reader.GetValue(1)), Convert.ToInt64(reader.GetValue(2)), Math.Round(reader.GetDouble(3), 4)));
        }

        return rows;
    }
}
