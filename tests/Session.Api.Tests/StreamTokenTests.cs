using System.Diagnostics;
using System.Net;
using PokerTracker.TestSupport;

namespace PokerTracker.SessionApi.Tests;

/// <summary>A live stream lasts as long as the access token it was opened with is accepted, not longer.</summary>
[Collection(Engines.Collection)]
public sealed class StreamTokenTests(EnginesFixture engines)
{
    [Fact]
    public async Task A_stream_ends_when_its_token_is_no_longer_accepted_and_that_token_opens_no_other()
    {
        using var api = engines.CreateApi(("Auth:AccessTokenLifetime", "00:00:08"), ("Auth:AccessTokenClockSkew", "00:00:01"));
        using var player = await PlayerClient.RegisterAsync(api);
        var watch = Stopwatch.StartNew();
        await using var stream = await SseReader.OpenAsync(player.Http, "/api/me/events");

        // Well before the next heartbeat's check (15 s): at the token's end, give or take a second.
        var ended = await Task.WhenAny(stream.Ended, Task.Delay(TimeSpan.FromSeconds(20)));
        Assert.Same(stream.Ended, ended);
        Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(6), TimeSpan.FromSeconds(12));

        // The same token cannot open it again: the app renews its sign-in and opens it with the new token.
        using var again = await player.Http.GetAsync("/api/me/events", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
    }
}
