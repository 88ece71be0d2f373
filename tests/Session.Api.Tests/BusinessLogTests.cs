using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PokerTracker.TestSupport;

namespace PokerTracker.SessionApi.Tests;

/// <summary>
/// The logs a developer reads: one structured line per business event (session started, session
/// ended with its length and result, an import with its counts), and nothing that says who the
/// player is or where they play.
/// </summary>
[Collection(Engines.Collection)]
public sealed class BusinessLogTests(EnginesFixture engines)
{
    private sealed record Line(string Category, int EventId, string Message, Dictionary<string, object?> Fields);

    [Fact]
    public async Task Sessions_and_imports_log_one_structured_line_each_without_the_player_s_e_mail_or_venue()
    {
        var lines = new ConcurrentQueue<Line>();
        using var api = engines.CreateApi();
        using var logged = api.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
            services.AddSingleton<ILoggerProvider>(new CapturingProvider(lines))));
        var email = $"secret-{Guid.NewGuid():N}@pokertracker.test";
        using var player = await PlayerClient.RegisterAsync(logged, email);

        var id = (await player.StartCashAsync(new
        {
            kind = "cash", game = "NLHE", format = "live", venue = "Hidden Room Casino", currency = "USD",
            stakes = new { smallBlind = 100, bigBlind = 200 }, buyIn = 20_000, startedAt = DateTimeOffset.UtcNow.AddMinutes(-95),
        }))["id"]!.GetValue<string>();
        await player.PostOkAsync($"/api/sessions/{id}/notes", new { text = "villain in seat 4 tanks with air" });
        await player.PostOkAsync($"/api/sessions/{id}/end", new { cashOut = 26_500 });

        const string csv =
            "kind,game,format,venue,currency,started_at,ended_at,small_blind,big_blind,total_buy_in,cash_out\n" +
            "cash,NLHE,live,Hidden Room Casino,USD,2026-10-02T18:00:00Z,2026-10-02T23:00:00Z,100,200,20000,15000\n" +
            "cash,NLHE,live,Hidden Room Casino,USD,2026-10-03T18:00:00Z,2026-10-03T22:00:00Z,100,200,20000,31000\n";
        using var content = new StringContent(csv, Encoding.UTF8, "text/csv");
        using var imported = await player.Http.PostAsync("/api/sessions/import", content);
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);

        var all = lines.ToList();
        var mine = all.Where(l => Equals(l.Fields.GetValueOrDefault("UserId"), player.UserId)).ToList();
        var started = Assert.Single(mine, l => l.EventId == 1001);
        Assert.Equal(id, started.Fields["SessionId"]!.ToString());
        Assert.Equal("cash", started.Fields["Kind"]);
        var ended = Assert.Single(mine, l => l.EventId == 1002);
        Assert.Equal(id, ended.Fields["SessionId"]!.ToString());
        Assert.InRange((int)ended.Fields["PlayingMinutes"]!, 94, 97);
        Assert.Equal(6_500L, ended.Fields["NetResult"]);
        Assert.Equal("USD", ended.Fields["Currency"]);
        var import = Assert.Single(mine, l => l.EventId == 1003);
        Assert.Equal((2, 2, 0), ((int)import.Fields["Rows"]!, (int)import.Fields["Imported"]!, (int)import.Fields["AlreadyPresent"]!));

        Assert.DoesNotContain(all, l => l.Message.Contains(email, StringComparison.OrdinalIgnoreCase)
            || l.Message.Contains("Hidden Room", StringComparison.Ordinal) || l.Message.Contains("villain", StringComparison.Ordinal)
            || l.Fields.Values.Any(v => v?.ToString() is { } s && (s.Contains(email, StringComparison.OrdinalIgnoreCase) || s.Contains("Hidden Room", StringComparison.Ordinal))));
    }

    private sealed class CapturingProvider(ConcurrentQueue<Line> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Capturing(categoryName, lines);

        public void Dispose()
        {
        }
    }

    private sealed class Capturing(string category, ConcurrentQueue<Line> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var fields = state is IEnumerable<KeyValuePair<string, object?>> pairs ? pairs.Where(p => p.Key != "{OriginalFormat}").ToDictionary(p => p.Key, p => p.Value) : [];
            lines.Enqueue(new Line(category, eventId.Id, formatter(state, exception), fields));
        }
    }
}
