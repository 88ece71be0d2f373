using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using PokerTracker.TestSupport;

namespace PokerTracker.SessionApi.Tests;

/// <summary>
/// Proves: every endpoint of the OpenAPI document refuses the wrong caller the right way — no
/// token or a forged one is 401, another player's session is 404 (its existence never leaks),
/// a player in the wrong role is 403.
/// </summary>
[Collection(Engines.Collection)]
public sealed class AuthorizationMatrixTests(EnginesFixture engines, Xunit.Abstractions.ITestOutputHelper output) : IDisposable
{
    private readonly ApiFactory _api = engines.CreateApi();

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task Every_documented_endpoint_denies_strangers_forgers_and_other_players()
    {
        using var owner = _api.NewPlayer();
        using var other = _api.NewPlayer();
        var session = (await owner.StartCashAsync())["id"]!.GetValue<string>();
        var training = (await owner.PostOkAsync("/api/training/sessions", new { drill = "random" }))["id"]!.GetValue<string>();
        using var imported = await owner.Http.PostAsync("/api/hands/import", new StringContent(OneHand));
        var import = JsonNode.Parse(await imported.Content.ReadAsStringAsync())!["id"]!.GetValue<string>();
        using var anonymous = _api.CreateClient();
        var document = JsonNode.Parse(await anonymous.GetStringAsync("/openapi/v1.json"))!;
        var endpoints = document["paths"]!.AsObject()
            .SelectMany(p => p.Value!.AsObject().Select(m => (Path: p.Key, Method: m.Key.ToUpperInvariant())))
            .ToList();
        Assert.True(endpoints.Count >= 30, $"only {endpoints.Count} endpoints documented");

        var checkedCount = 0;
        foreach (var (template, method) in endpoints)
        {
            if (template.StartsWith("/api/auth", StringComparison.Ordinal))
            {
                continue; // signing in is for strangers
            }

            var id = template.StartsWith("/api/training", StringComparison.Ordinal) ? training : template.StartsWith("/api/hands", StringComparison.Ordinal) ? import : session;
            var path = template.Replace("{id}", id).Replace("{userId}", owner.UserId).Replace("{site}", "PokerStars").Replace("{handId}", "270000000001").Replace("{sequence}", "2").Replace("{entryId}", Guid.NewGuid().ToString());
            foreach (var token in new[] { null, "not.a.token", Unsigned(owner.UserId) })
            {
                using var request = Request(method, path, template);
                if (token is not null)
                {
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                }

                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                using var response = await anonymous.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token);
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {template} with {(token is null ? "no token" : "a forged token")} → {(int)response.StatusCode}");
            }

            using (var request = Request(method, path, template))
            {
                output.WriteLine($"{method} {template}");
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                using var response = await other.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token);
                var expected = template.StartsWith("/api/admin", StringComparison.Ordinal) ? HttpStatusCode.Forbidden
                    : template.Contains("{id}", StringComparison.Ordinal) || template.Contains("{handId}", StringComparison.Ordinal) ? HttpStatusCode.NotFound
                    : response.StatusCode;
                var streaming = response.Content.Headers.ContentType?.MediaType == "text/event-stream";
                var text = streaming ? "" : await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode == expected, $"{method} {template} as another player → {(int)response.StatusCode}, expected {(int)expected}: {text}");
                Assert.DoesNotContain("Bellagio", text);
                await cts.CancelAsync(); // ends an open live stream, which would otherwise never finish
            }

            checkedCount++;
        }

        Assert.True(checkedCount >= 25);
    }

    private const string OneHand = """
        PokerStars Hand #270000000001:  Hold'em No Limit ($0.05/$0.10 USD) - 2024/03/02 15:15:04 ET
        Table 'Bellagio' 6-max Seat #1 is the button
        Seat 1: Alice ($10 in chips)
        Seat 2: Hero ($10 in chips)
        Alice: posts small blind $0.05
        Hero: posts big blind $0.10
        *** HOLE CARDS ***
        Dealt to Hero [Ah Kd]
        Alice: folds
        Uncalled bet ($0.05) returned to Hero
        Hero collected $0.10 from pot
        *** SUMMARY ***
        Total pot $0.10 | Rake $0
        """;

    /// <summary>A plausible request for the route, so that only authorization can refuse it.</summary>
    private static HttpRequestMessage Request(string method, string path, string template)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        var body = template switch
        {
            _ when template.EndsWith("/stack", StringComparison.Ordinal) => """{"amount":100}""",
            _ when template.EndsWith("/buy-ins", StringComparison.Ordinal) => """{"kind":"rebuy","amount":100}""",
            _ when template.EndsWith("/notes", StringComparison.Ordinal) || template.EndsWith("/notes/{sequence}", StringComparison.Ordinal) => """{"text":"x"}""",
            _ when template.EndsWith("/expenses", StringComparison.Ordinal) => """{"kind":"tips","amount":100}""",
            _ when template.EndsWith("/entries", StringComparison.Ordinal) => """{"kind":"deposit","amount":100}""",
            _ when template.EndsWith("/bankroll", StringComparison.Ordinal) => """{"bankrollId":null}""",
            "/api/bankrolls/{id}" when method == "PATCH" => """{"name":"X"}""",
            _ when template.Contains("/breaks/", StringComparison.Ordinal) => "{}",
            _ when template.EndsWith("/end", StringComparison.Ordinal) => """{"cashOut":100}""",
            _ when template.EndsWith("/guards", StringComparison.Ordinal) => """{"stopLoss":100,"currency":"USD"}""",
            _ when template.EndsWith("/role", StringComparison.Ordinal) => """{"role":"premium"}""",
            _ when template.EndsWith("/decisions", StringComparison.Ordinal) => """{"spot":1,"choice":"fold"}""",
            "/graphql" => """{"query":"{ me { id } }"}""",
            "/api/sessions" or "/session/start" => """{"kind":"cash","game":"NLHE","format":"live","venue":"X","currency":"USD","stakes":{"smallBlind":1,"bigBlind":2}}""",
            "/api/sessions/{id}" when method == "PATCH" => """{"venue":"X"}""",
            "/api/sessions/import" => null,
            _ => method is "POST" or "PUT" or "PATCH" ? "{}" : null,
        };
        if (template == "/api/sessions/import")
        {
            request.Content = new StringContent("kind,game\r\n", Encoding.UTF8, "text/csv");
        }
        else if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        return request;
    }

    /// <summary>A token claiming to be the owner, with "alg": "none" and no signature.</summary>
    private static string Unsigned(string userId)
    {
        static string B64(string s) => Convert.ToBase64String(Encoding.UTF8.GetBytes(s)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var exp = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds();
        return $"{B64("{\"alg\":\"none\",\"typ\":\"JWT\"}")}.{B64($"{{\"sub\":\"{userId}\",\"role\":\"admin\",\"iss\":\"pokertracker\",\"aud\":\"pokertracker\",\"exp\":{exp}}}")}.";
    }
}
