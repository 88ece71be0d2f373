using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using System.Text.Json.Serialization.Metadata;
using PokerTracker.SessionApi.Infrastructure;
using PokerTracker.SessionApi.Sessions;
using PokerTracker.SharedKernel.Sessions;
using PokerTracker.TestSupport;

namespace PokerTracker.SessionApi.Tests;

/// <summary>The session answers are written by generated code: in exactly the shape the API gave before.</summary>
public sealed class ApiJsonTests
{
    private static readonly JsonSerializerOptions ByReflection =
        new(ApiJson.Options) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };

    public static TheoryData<object> Answers()
    {
        var at = new DateTimeOffset(2026, 11, 30, 21, 15, 0, TimeSpan.Zero);
        var totals = new SessionTotals(60_000, 2_500, -12_345, 47_655, 71_000, 187, -3_961.07m, -61.73m, -19.81m);
        var running = new SessionView(
            Guid.CreateVersion7(at), "cash", "NLHE", null, "live", "Aria", "USD", ["deep", "Sunday"], "active", at, null,
            new Stakes(100, 200, null, 200), null, 12, totals, false, null, null, null, null, null, 0, null, null,
            [new BuyInEntry(1, "initial", 30_000, at), new BuyInEntry(4, "rebuy", 30_000, at.AddHours(1))],
            [new ExpenseEntry(5, "tips", 2_500, "dealer \"Sam\" ♠", at.AddHours(2))],
            [new BreakEntry(at.AddMinutes(40), at.AddMinutes(55)), new BreakEntry(at.AddHours(3), null)],
            [new NoteEntry(7, "AKs < QQ\nall in", at.AddMinutes(90), at.AddMinutes(95))], "America/Los_Angeles", []);
        var ended = running with
        {
            Kind = "tournament", Status = "ended", EndedAt = at.AddHours(5), Stakes = null, Tournament = new TournamentInfo(30_000, 3_000, 20_000),
            Totals = totals with { CurrentStack = null, HourlyRate = null }, Prize = 150_000, FinishPosition = 3, FieldSize = 212, Corrections = 1,
            CorrectionLog = [new CorrectionEntry(at.AddHours(7), "miscounted", ["prize", "endedAt"])],
        };
        var discarded = ended with { Status = "discarded", DiscardReason = "wrong venue", DiscardedAt = at.AddHours(6), TimeZone = null };
        return new TheoryData<object>
        {
            running, ended, discarded, totals,
            new SessionPage([new SessionSummary(running.Id, "cash", "NLHE", "Aria", "USD", "active", at, null, running.Stakes, 12, totals, "Europe/Madrid")], "cursor"),
            new SessionPage([], null),
            (IReadOnlyList<StackPoint>)[new StackPoint(at, 30_000, 2), new StackPoint(at.AddMinutes(3), 41_500, 3)],
        };
    }

    [Theory]
    [MemberData(nameof(Answers))]
    public void An_answer_is_written_as_by_reflection(object answer)
    {
        var type = answer is IReadOnlyList<StackPoint> ? typeof(IReadOnlyList<StackPoint>) : answer.GetType();
        Assert.Equal(JsonSerializer.Serialize(answer, type, ByReflection), JsonSerializer.Serialize(answer, type, ApiJson.Options));
    }
}

/// <summary>Commands are fingerprinted (idempotency records) by generated code: the same bytes as by reflection, so records written before still match.</summary>
public sealed class CommandJsonTests
{
    public static TheoryData<object> Commands()
    {
        var at = new DateTimeOffset(2026, 11, 30, 21, 15, 0, TimeSpan.Zero);
        return new TheoryData<object>
        {
            new StartSessionCommand("cash", "NLHE", "live", "Café Royale", "USD", Tags: ["deep"], StartedAt: at, Stakes: new StakesInput(100, 300, Straddle: 600), BuyIn: 30_000),
            new StartSessionCommand("tournament", "PLO", "online", "Stars", "EUR", Tournament: new TournamentInput(10_000, 1_000, 20_000)),
            new AddBuyInCommand("rebuy", 30_000, at),
            new UpdateStackCommand(41_250),
            new UpdateStackCommand(0, at),
            new AddNoteCommand("AKs < QQ & \"all in\" ♠\n", at),
            new EditNoteCommand(7, "changed"),
            new DeleteNoteCommand(7),
            new AddExpenseCommand("tips", 500, "dealer"),
            new DeleteExpenseCommand(12),
            new StartBreak(new BreakCommand(at)),
            new EndBreak(new BreakCommand()),
            new EndSessionCommand(at, CashOut: 33_000, HandsPlayed: 120),
            new CorrectSessionCommand { Venue = "Aria", CashOut = 1, Reason = "typo" },
            new DiscardSessionCommand("test"),
        };
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void A_command_is_written_as_by_reflection_and_by_generated_code(object command)
    {
        var byReflection = new JsonSerializerOptions(JsonSerializerDefaults.Web) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };
        Assert.Equal(JsonSerializer.Serialize(command, command.GetType(), byReflection), JsonSerializer.Serialize(command, command.GetType(), ApiJson.Storage));
        Assert.Equal("CommandJsonContext", ApiJson.Storage.GetTypeInfo(command.GetType()).OriginatingResolver?.GetType().Name);
    }
}

/// <summary>The running service's JSON options let the generated code write the session answers.</summary>
[Collection(Engines.Collection)]
public sealed class ServiceJsonTests(EnginesFixture engines)
{
    [Fact]
    public void The_service_writes_session_answers_with_the_generated_code()
    {
        using var api = engines.CreateApi();
        var options = api.Services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        Assert.Equal("ApiJsonContext", options.GetTypeInfo(typeof(SessionView)).OriginatingResolver?.GetType().Name);
        // The generated code is bypassed with any encoder or converter of the options' own.
        Assert.Null(options.Encoder);
        Assert.Empty(options.Converters);
        Assert.Equal(JsonSerializer.Serialize("<A♠ & K♠>", ApiJson.Options), JsonSerializer.Serialize("<A♠ & K♠>", options));
    }
}
