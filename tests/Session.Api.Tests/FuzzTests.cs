using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Xunit.Abstractions;
using PokerTracker.TestSupport;

namespace PokerTracker.SessionApi.Tests;

/// <summary>
/// Proves: ten thousand generated malformed or hostile requests — random JSON, wrong types, huge
/// numbers, deep nesting, oversized bodies, bad headers, path tricks, broken and deep GraphQL, odd
/// SSE resumes — get no 5xx and do not crash the API, and another player's data is untouched.
/// </summary>
[Collection(Engines.Collection)]
public sealed class FuzzTests(EnginesFixture engines, ITestOutputHelper output) : IDisposable
{
    private const int Requests = 10_000;
    private readonly ApiFactory _api = engines.CreateApi();

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task Ten_thousand_hostile_requests_get_no_5xx_and_change_nothing_they_should_not()
    {
        using var victim = _api.NewPlayer();
        var victimSession = (await victim.StartCashAsync())["id"]!.GetValue<string>();
        await victim.PostOkAsync($"/api/sessions/{victimSession}/stack", new { amount = 31_337 });
        var victimBefore = await Snapshot(victim, victimSession);

        using var attacker = _api.NewPlayer();
        var own = (await attacker.StartCashAsync())["id"]!.GetValue<string>();
        var random = new Random(8);
        var statuses = new Dictionary<int, int>();
        var semaphore = new SemaphoreSlim(8);
        var tasks = new List<Task>();
        for (var i = 0; i < Requests; i++)
        {
            var request = Generate(random, own, victimSession, attacker.AccessToken, i);
            await semaphore.WaitAsync();
            tasks.Add(Task.Run(async () =>
            {
                try
                {
                    using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                    using var response = await attacker.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token);
                    var code = (int)response.StatusCode;
                    lock (statuses)
                    {
                        statuses[code] = statuses.GetValueOrDefault(code) + 1;
                    }

                    Assert.True(code < 500, $"{request.Method} {request.RequestUri} → {code}");
                }
                finally
                {
                    request.Dispose();
                    semaphore.Release();
                }
            }));
        }

        await Task.WhenAll(tasks);
        output.WriteLine(string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value}")));
        Assert.Equal(Requests, statuses.Values.Sum());
        Assert.Equal(victimBefore, await Snapshot(victim, victimSession));
        using var health = _api.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await health.GetAsync("/health")).StatusCode);
    }

    private static readonly string[] Paths =
    [
        "/api/sessions", "/api/sessions/{id}", "/api/sessions/{id}/buy-ins", "/api/sessions/{id}/stack", "/api/sessions/{id}/notes",
        "/api/sessions/{id}/expenses", "/api/sessions/{id}/breaks/start", "/api/sessions/{id}/breaks/end", "/api/sessions/{id}/end",
        "/api/sessions/{id}/guards", "/api/sessions/{id}/alerts", "/api/sessions/{id}/tilt", "/api/sessions/{id}/events", "/api/me/events",
        "/api/me", "/api/me/guards", "/api/stats", "/api/sessions/export.csv", "/api/sessions/import", "/graphql", "/session/start",
        "/api/auth/login", "/api/auth/refresh", "/api/auth/logout", "/api/auth/register", "/api/admin/overview", "/api/admin/users/{id}/role",
    ];

    private static HttpRequestMessage Generate(Random r, string own, string victim, string token, int i)
    {
        var id = Pick(r, own, own, victim, Guid.NewGuid().ToString(), "..%2F..%2Fetc%2Fpasswd", "%2500", new string('9', 300), "' OR 1=1 --", "😀", "-1", "");
        var path = Pick(r, Paths).Replace("{id}", id);
        if (r.Next(10) == 0)
        {
            path += Pick(r, "?limit=-1", "?limit=99999999999", "?cursor=%FF%FE", "?status=<script>", "?from=notadate&bankroll=1e400", "?tags=" + new string(',', 500), "/../../admin", "//");
        }

        // Mostly the route's own method (so requests get past routing), sometimes any.
        var template = Paths.First(p => path.StartsWith(p.Split('{')[0], StringComparison.Ordinal));
        var method = path.Contains("events") ? HttpMethod.Get
            : r.Next(5) == 0 ? Pick(r, HttpMethod.Post, HttpMethod.Get, HttpMethod.Patch, HttpMethod.Delete, HttpMethod.Put)
            : path.EndsWith("/guards", StringComparison.Ordinal) || path.EndsWith("/role", StringComparison.Ordinal) ? HttpMethod.Put
            : path.EndsWith("/alerts", StringComparison.Ordinal) || path.EndsWith("/tilt", StringComparison.Ordinal) || path.EndsWith(".csv", StringComparison.Ordinal)
              || path.StartsWith("/api/stats", StringComparison.Ordinal) || path == "/api/me" || path.StartsWith("/api/admin/overview", StringComparison.Ordinal) ? HttpMethod.Get
            : template == "/api/sessions/{id}" ? Pick(r, HttpMethod.Get, HttpMethod.Patch, HttpMethod.Delete)
            : HttpMethod.Post;
        var request = new HttpRequestMessage(method, path);
        if (method != HttpMethod.Get)
        {
            var body = path.StartsWith("/graphql") ? GraphQL(r, own, victim) : Json(r, 0);
            if (r.Next(200) == 0)
            {
                body = "{\"pad\":\"" + new string('x', 300_000 + r.Next(100_000)) + "\"}";
            }

            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.Remove("Content-Type");
            request.Content.Headers.TryAddWithoutValidation("Content-Type",
                Pick(r, "application/json", "application/json", "text/plain", "text/csv", "application/x-www-form-urlencoded", "application/json; charset=utf-16", "garbage/;;"));
        }

        switch (r.Next(8))
        {
            case 0: request.Headers.TryAddWithoutValidation("Authorization", Pick(r, "Bearer", "Bearer " + token + "x", "Basic Zm9vOmJhcg==", "Bearer " + new string('a', 5000))); break;
            case 1: request.Headers.TryAddWithoutValidation("Idempotency-Key", Pick(r, "", new string('k', 200), "key with spaces", "🃏", i.ToString())); break;
            case 2: request.Headers.TryAddWithoutValidation("If-Match", Pick(r, "*", "\"-1\"", "W/\"abc\"", "\"99999999999999999999\"")); break;
            case 3: request.Headers.TryAddWithoutValidation("Last-Event-ID", Pick(r, "-1", "abc", "99999999999999999999", "0-0", "1-", "\n")); break;
            case 4: request.Headers.TryAddWithoutValidation("X-CSRF-Token", new string('c', r.Next(0, 100))); break;
        }

        return request;
    }

    private static string GraphQL(Random r, string own, string victim)
    {
        var deep = new StringBuilder("{ __schema { types { ");
        for (var d = 0; d < r.Next(5, 40); d++) deep.Append("fields { type { ");
        var query = Pick(r,
            $"{{ session(id: \"{Pick(r, own, victim, "x")}\") {{ id venue totals {{ netResult }} }} }}",
            $"mutation {{ updateStack(sessionId: \"{Pick(r, own, victim)}\", amount: {Pick(r, "-1", "1e400", "\"x\"", "9223372036854775808", "null")}) {{ id }} }}",
            deep.ToString(),
            "{ " + string.Concat(Enumerable.Range(0, 200).Select(k => $"a{k}: me {{ id }} ")) + "}",
            "{ " + string.Concat(Enumerable.Range(0, r.Next(5, 2_000)).Select(k => $"s{k}: session(id: \"{Pick(r, own, victim)}\") {{ id }} ")) + "}",
            "mutation { " + string.Concat(Enumerable.Range(0, r.Next(2, 50)).Select(k => $"u{k}: updateStack(sessionId: \"{Pick(r, own, victim)}\", amount: {k}) {{ id }} ")) + "}",
            "{ ...F } fragment F on Query { " + string.Concat(Enumerable.Range(0, r.Next(5, 40)).Select(k => $"x{k}: statistics(bankroll: {k}) {{ sessions }} ")) + "}",
            "query { ",
            "{ sessions(first: 100000) { edges { node { id } } } }",
            "mutation { createSession(input: {}) { id } }",
            $"{{ statistics(filter: {{ timeZone: \"Mars/Base\" }}, targetRisk: 2) {{ sessions }} }}");
        return r.Next(5) == 0 ? "{\"query\": 42}" : new JsonObject { ["query"] = query, ["variables"] = r.Next(3) == 0 ? new JsonObject { ["input"] = Pick(r, "x", "{}", "[]"), ["amount"] = r.Next(-5, 5) } : null }.ToJsonString();
    }

    private static string Json(Random r, int depth) => r.Next(depth > 3 ? 3 : 12) switch
    {
        0 => "{\"amount\":" + Pick(r, "1e308", "-0", "9223372036854775808", "\"12\"", "[]", "{}", "true", "NaN", "0.000001") + "}",
        1 => "{\"kind\":\"" + Pick(r, "rebuy", "cash", "\\u0000", new string('x', 5000)) + "\",\"amount\":" + r.Next(-5, 5) + "}",
        2 => "[" + string.Join(",", Enumerable.Range(0, r.Next(5)).Select(_ => Json(r, depth + 1))) + "]",
        3 => new string('[', 300) + new string(']', 300),
        4 => "{\"text\":\"" + Pick(r, "\\ud800", "</script>", new string('n', 3000)) + "\"}",
        5 => "not json at all",
        6 => "",
        7 => "{\"a\":" + Json(r, depth + 1) + ",\"a\":" + Json(r, depth + 1) + "}",
        8 => "{\"startedAt\":\"" + Pick(r, "2999-01-01T00:00:00Z", "0001-01-01", "yesterday") + "\",\"venue\":\"X\"}",
        9 => "{\"cashOut\":" + Pick(r, "-5", "1e20", "null") + ",\"prize\":-1}",
        10 => "{\"stopLoss\":" + Pick(r, "-1", "0", "1e30") + ",\"stopLossBuyIns\":" + Pick(r, "NaN", "-3", "1000") + "}",
        _ => "{\"email\":\"" + Pick(r, "a@b.c", "x", "") + "\",\"password\":\"" + Pick(r, "", "short", new string('p', 500)) + "\"}",
    };

    private static T Pick<T>(Random r, params T[] items) => items[r.Next(items.Length)];

    private static async Task<string> Snapshot(PlayerClient player, string id) =>
        RecordedSession.Of(await player.GetAsync($"/api/sessions/{id}")) + await player.Http.GetStringAsync($"/api/sessions/{id}/stack")
        + await player.Http.GetStringAsync("/api/me/guards") + await player.Http.GetStringAsync($"/api/sessions/{id}/alerts");
}
