using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using PokerTracker.Contracts;
using PokerTracker.TestSupport;

namespace PokerTracker.Analytics.Tests;

/// <summary>The hand-history import tests' hands, uploads and waits.</summary>
public sealed partial class HandImportPipelineTests
{
    private static string Walk(long id, DateTime et) => SampleHands.Walk(id, et, $"Table {id % 3}");

    private static string Hands(string name) => Path.Combine(AppContext.BaseDirectory, "Hands", name);

    private static async Task<JsonNode> ImportAsync(PlayerClient player, byte[] body, string type)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(type);
        using var response = await player.Http.PostAsync("/api/hands/import", content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonNode.Parse(text)!;
    }

    private static (string, int, int, int, int) Counts(JsonNode report) => (report["status"]!.GetValue<string>(), report["hands"]!.GetValue<int>(),
        report["imported"]!.GetValue<int>(), report["duplicates"]!.GetValue<int>(), report["refused"]!.GetValue<int>());

    private static (string, long, long) Result(JsonNode r) => (r["currency"]!.GetValue<string>(), r["hands"]!.GetValue<long>(), r["net"]!.GetValue<long>());

    private Task WaitForHeroHandsAsync(PlayerClient player, int count) =>
        WaitForRowsAsync($"SELECT count() FROM {AnalyticsTables.HandPlayers} FINAL WHERE user_id = '{player.UserId}' AND hero", count);

    private Task WaitForHandsAsync(PlayerClient player, int count) =>
        WaitForRowsAsync($"SELECT count() FROM {AnalyticsTables.Hands} FINAL WHERE user_id = '{player.UserId}'", count);

    private async Task WaitForRowsAsync(string countQuery, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(45);
        while (await Pipeline.CountAsync(engines, countQuery) < count)
        {
            Assert.True(DateTime.UtcNow < deadline, "the hands did not reach ClickHouse");
            await Task.Delay(200);
        }
    }
}
