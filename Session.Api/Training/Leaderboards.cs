using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using PokerTracker.SessionApi.Infrastructure;
using StackExchange.Redis;

namespace PokerTracker.SessionApi.Training;

/// <summary>A player's choice to appear on the boards, and under which name (never their e-mail).</summary>
public sealed record LeaderboardProfile(bool OptIn, string? DisplayName = null);

public sealed record LeaderboardEntry(int Rank, string DisplayName, long Decisions, double Accuracy, double EvLostPer100, bool Me);

/// <summary>A page of a board (best first: least EV lost per 100 decisions), the player's own row, and when it was computed.</summary>
public sealed record LeaderboardPage(string Board, IReadOnlyList<LeaderboardEntry> Entries, LeaderboardEntry? Mine, string? NextCursor, DateTimeOffset? ComputedAt, int MinimumDecisions);

/// <summary>
/// Opt-in leaderboards, weekly (since Monday 00:00 UTC) and all-time, ranked by EV lost per 100
/// decisions (then accuracy). Boards are Redis sorted sets recomputed from the analytics store
/// every few seconds by <see cref="LeaderboardRefresher"/>, not on every decision; pages are read
/// by cursor (the rank to start after).
/// </summary>
public sealed partial class Leaderboards(IConnectionMultiplexer redis, IOptions<TrainingOptions> options)
{
    private const string Profiles = "pt:leaderboard:profiles";

    // A name belongs to one player (compared as DisplayNames.Compared says), so nobody can pose as another.
    private const string Names = "pt:leaderboard:names";
    private const string NameOf = "pt:leaderboard:name-of";

    // The form the names above are kept in: 2 since names are compared without spaces or separators,
    // 3 since digits and l/I are read as the letters they pass for.
    private const string NamesForm = "pt:leaderboard:names-form";
    private const int Form = 3;

    // A claim: refused with the name as its holder shows it when another player holds the name as
    // compared; else 1, and the player's old claim goes.
    private static readonly LuaScript Claim = LuaScript.Prepare("""
        local owner = redis.call('HGET', @names, @compared)
        if owner and owner ~= @user then return redis.call('HGET', @profiles, owner) or @shown end
        local old = redis.call('HGET', @nameOf, @user)
        if old and old ~= @compared and redis.call('HGET', @names, old) == @user then redis.call('HDEL', @names, old) end
        redis.call('HSET', @names, @compared, @user)
        redis.call('HSET', @nameOf, @user, @compared)
        redis.call('HSET', @profiles, @user, @shown)
        return 1
        """);

    private static readonly LuaScript Release = LuaScript.Prepare("""
        local old = redis.call('HGET', @nameOf, @user)
        if old and redis.call('HGET', @names, old) == @user then redis.call('HDEL', @names, old) end
        redis.call('HDEL', @nameOf, @user)
        redis.call('HDEL', @profiles, @user)
        return 1
        """);

    // A claim kept in an older form, in today's; a name two players now share stays with the one re-keyed first.
    private static readonly LuaScript Rekey = LuaScript.Prepare("""
        local old = redis.call('HGET', @nameOf, @user)
        if old == @compared then return 0 end
        if old and redis.call('HGET', @names, old) == @user then redis.call('HDEL', @names, old) end
        redis.call('HSETNX', @names, @compared, @user)
        redis.call('HSET', @nameOf, @user, @compared)
        return 1
        """);

    private IDatabase Db => redis.GetDatabase();

    /// <summary>Names claimed while they were compared otherwise are kept in today's form (once; repeating it changes nothing).</summary>
    internal async Task RekeyNamesAsync()
    {
        // A newer form (a replica of the next version, during a rolling deploy) is not taken back.
        if ((int?)await Db.StringGetAsync(NamesForm) >= Form)
        {
            return;
        }

        foreach (var (user, shown) in await ProfilesAsync())
        {
            await Db.ScriptEvaluateAsync(Rekey, new { names = (RedisKey)Names, nameOf = (RedisKey)NameOf, user, compared = DisplayNames.Compared(shown) });
        }

        await Db.StringSetAsync(NamesForm, Form);
    }

    private static string Board(string board) => $"pt:leaderboard:{board}";

    private static string Rows(string board) => $"pt:leaderboard:{board}:rows";

    public async Task<LeaderboardProfile> SetProfileAsync(string userId, LeaderboardProfile profile)
    {
        if (!profile.OptIn)
        {
            await Db.ScriptEvaluateAsync(Release, new { profiles = (RedisKey)Profiles, names = (RedisKey)Names, nameOf = (RedisKey)NameOf, user = userId });
            foreach (var board in new[] { "weekly", "all-time" })
            {
                await Db.SortedSetRemoveAsync(Board(board), userId); // gone at once, not at the next refresh
                await Db.HashDeleteAsync(Rows(board), userId);
            }

            return new LeaderboardProfile(false, null);
        }

        // Staying in without a name keeps the name already shown; a blank name is a name refused below.
        if (profile.DisplayName is null && await GetProfileAsync(userId) is { OptIn: true } current)
        {
            return current;
        }

        // Full-width letters shown as the letters they are; "River  Rat" as "River Rat", as a board shows it.
        var name = Spaces().Replace(profile.DisplayName?.Trim().Normalize(System.Text.NormalizationForm.FormKC) ?? "", " ");
        if (!DisplayName().IsMatch(name))
        {
            throw InvalidInputException.Field("displayName", "3 to 24 letters, digits, spaces, '-', '_' or '.'.");
        }

        if (DisplayNames.Refusal(name) is { } refusal)
        {
            throw InvalidInputException.Field("displayName", refusal);
        }

        var compared = DisplayNames.Compared(name);
        var claim = await Db.ScriptEvaluateAsync(Claim, new { profiles = (RedisKey)Profiles, names = (RedisKey)Names, nameOf = (RedisKey)NameOf, user = userId, shown = name, compared });
        return claim.Resp2Type == ResultType.Integer
            ? new LeaderboardProfile(true, name)
            : throw new LeaderboardNameTakenException(name, claim.ToString());
    }

    public async Task<LeaderboardProfile> GetProfileAsync(string userId) =>
        await Db.HashGetAsync(Profiles, userId) is { IsNullOrEmpty: false } name ? new LeaderboardProfile(true, name.ToString()) : new LeaderboardProfile(false);

    public async Task<IReadOnlyDictionary<string, string>> ProfilesAsync() =>
        (await Db.HashGetAllAsync(Profiles)).ToDictionary(e => e.Name.ToString(), e => e.Value.ToString());

    /// <summary>Replaces a board with freshly computed rows.</summary>
    public async Task PublishAsync(string board, IReadOnlyList<(string UserId, string Name, TrainingFigures Figures)> rows, DateTimeOffset at)
    {
        var key = Board(board);
        if (rows.Count == 0)
        {
            await Db.KeyDeleteAsync([key, Rows(board)]);
            await Db.StringSetAsync(key + ":at", at.ToUnixTimeMilliseconds());
            return;
        }

        // Written aside, then swapped in at once: a reader never sees half a board.
        var (nextBoard, nextRows) = (key + ":next", Rows(board) + ":next");
        await Db.KeyDeleteAsync([nextBoard, nextRows]);
        // Lower scores rank first: EV lost per 100 decisions, ties broken by accuracy.
        await Db.SortedSetAddAsync(nextBoard, rows.Select(r => new SortedSetEntry(r.UserId, r.Figures.EvLostPer100 - r.Figures.Accuracy / 1000)).ToArray());
        await Db.HashSetAsync(nextRows, rows.Select(r => new HashEntry(r.UserId,
            JsonSerializer.Serialize(new Row(r.Name, r.Figures.Decisions, r.Figures.Accuracy, r.Figures.EvLostPer100), ApiJson.Storage))).ToArray());
        var tx = Db.CreateTransaction();
        var renames = new[] { tx.KeyRenameAsync(nextBoard, key), tx.KeyRenameAsync(nextRows, Rows(board)), tx.StringSetAsync(key + ":at", at.ToUnixTimeMilliseconds()) };
        await tx.ExecuteAsync();
        await Task.WhenAll(renames);
    }

    public async Task<LeaderboardPage> PageAsync(string board, string userId, int limit, string? cursor)
    {
        var start = 0L;
        if (cursor is not null && (!long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out start) || start is < 0 or > int.MaxValue))
        {
            throw InvalidInputException.Field("cursor", "Is not a cursor this board gave.");
        }

        var page = await Db.SortedSetRangeByRankWithScoresAsync(Board(board), start, start + limit - 1);
        var ids = page.Select(e => e.Element).ToArray();
        var rows = ids.Length == 0 ? [] : await Db.HashGetAsync(Rows(board), ids);
        // Whoever opted out since the board was computed is not shown, even for the seconds until the next refresh.
        var optedIn = ids.Length == 0 ? [] : await Db.HashGetAsync(Profiles, ids);
        // Equal figures share a rank (1, 1, 3): the first of the page counts who is strictly ahead.
        var ranks = new int[page.Length];
        for (var k = 0; k < page.Length; k++)
        {
            ranks[k] = k > 0 && page[k].Score == page[k - 1].Score ? ranks[k - 1] : k > 0 ? (int)(start + k + 1) : await RankAsync(board, page[k].Score);
        }

        // Shown under the name the player has now (a rename shows at once, and a name given up is not shown as theirs).
        var entries = ids.Select((id, k) => optedIn[k].IsNullOrEmpty ? null : Entry(ranks[k], rows[k], id.ToString() == userId, optedIn[k].ToString()))
            .OfType<LeaderboardEntry>().ToList();
        var myScore = await Db.SortedSetScoreAsync(Board(board), userId);
        var mine = myScore is { } score && await Db.HashGetAsync(Profiles, userId) is { IsNullOrEmpty: false } myName
            ? Entry(await RankAsync(board, score), await Db.HashGetAsync(Rows(board), userId), true, myName.ToString())
            : null;
        var total = await Db.SortedSetLengthAsync(Board(board));
        var at = await Db.StringGetAsync(Board(board) + ":at");
        return new LeaderboardPage(board, entries, mine, start + limit < total ? (start + limit).ToString(CultureInfo.InvariantCulture) : null,
            at.IsNullOrEmpty ? null : DateTimeOffset.FromUnixTimeMilliseconds((long)at), options.Value.LeaderboardMinimumDecisions);
    }

    /// <summary>1 + how many rank strictly ahead of this score.</summary>
    private async Task<int> RankAsync(string board, double score) =>
        1 + (int)await Db.SortedSetLengthAsync(Board(board), double.NegativeInfinity, score, Exclude.Stop);

    private static LeaderboardEntry? Entry(int rank, RedisValue json, bool me, string name) =>
        json.IsNullOrEmpty ? null : JsonSerializer.Deserialize<Row>(json.ToString(), ApiJson.Storage) is { } row
            ? new LeaderboardEntry(rank, name, row.Decisions, row.Accuracy, row.EvLostPer100, me)
            : null;

    private sealed record Row(string Name, long Decisions, double Accuracy, double EvLostPer100);

    [GeneratedRegex(" {2,}")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"^[\p{L}\p{N} ._-]{3,24}$")]
    private static partial Regex DisplayName();
}

/// <summary>Recomputes the boards from the analytics store every few seconds (one replica at a time).</summary>
internal sealed class LeaderboardRefresher(
    Leaderboards boards, TrainingReader reader, IConnectionMultiplexer redis, IOptions<TrainingOptions> options, TimeProvider time, ILogger<LeaderboardRefresher> logger)
    : BackgroundService
{
    private readonly string _instance = Guid.NewGuid().ToString("N");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.LeaderboardRefresh, time);
        do
        {
            try
            {
                if (await Lease.HoldAsync(redis.GetDatabase(), "pt:leaderboard:lease", _instance, options.Value.LeaderboardRefresh * 3))
                {
                    // Every 30 s around the clock, caused by no player's action: traced, it would be
                    // two root traces a minute in the developer's Traces page. Failures are logged.
                    using var untraced = OpenTelemetry.SuppressInstrumentationScope.Begin();
                    await boards.RekeyNamesAsync();
                    await RefreshAsync(stoppingToken);
                }
            }
            catch (Exception ex) when (ex is RedisException or AnalyticsUnavailableException or TimeoutException && !stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning("Leaderboards not refreshed: {Reason}", ex.Message);
            }
        }
        while (await Next(timer, stoppingToken));

        // Handed over at once: another replica need not wait for the lease to run out.
        await Lease.ReleaseAsync(redis.GetDatabase(), "pt:leaderboard:lease", _instance);
    }

    internal async Task RefreshAsync(CancellationToken ct)
    {
        var profiles = await boards.ProfilesAsync();
        var now = time.GetUtcNow();
        var monday = now.UtcDateTime.Date.AddDays(-(((int)now.UtcDateTime.DayOfWeek + 6) % 7));
        foreach (var (board, since) in new[] { ("weekly", (DateTimeOffset?)new DateTimeOffset(monday, TimeSpan.Zero)), ("all-time", null) })
        {
            var figures = await reader.PlayersAsync(profiles.Keys.ToList(), since, ct);
            var rows = figures.Where(f => f.Decisions >= options.Value.LeaderboardMinimumDecisions && profiles.ContainsKey(f.Key))
                .Select(f => (f.Key, profiles[f.Key], f)).ToList();
            await boards.PublishAsync(board, rows, now);
        }
    }

    private static async Task<bool> Next(PeriodicTimer timer, CancellationToken ct)
    {
        try
        {
            return await timer.WaitForNextTickAsync(ct);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}

/// <summary>Another player shows under this name on the leaderboards (409).</summary>
/// <param name="typed">The name asked for.</param>
/// <param name="held">The name as the player who holds it shows it (it may differ in case, spacing or look-alike letters).</param>
public sealed class LeaderboardNameTakenException(string typed, string held)
    : ProblemException(409, "Name taken.", typed == held
        ? $"Another player is on the leaderboards as \"{held}\"; choose another name."
        : $"Another player is on the leaderboards as \"{held}\", which \"{typed}\" would look like; choose another name.")
{
    public override string Code => "NAME_TAKEN";
}
