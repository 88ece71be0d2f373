using GraphQL;
using GraphQL.Types;
using PokerTracker.Contracts.Events;
using PokerTracker.Contracts.Sessions;
using PokerTracker.SessionApi.Apis;
using PokerTracker.SessionApi.Domain;
using PokerTracker.SessionApi.Sessions;

namespace PokerTracker.SessionApi.GraphQL;

/// <summary>The same commands as REST, through the same service. <c>clientEventId</c> is the idempotency key.</summary>
public sealed class SessionMutation : ObjectGraphType
{
    public SessionMutation()
    {
        Name = "Mutation";
        // Each mutation is a command: it also draws on the player's command budget (MutationBudgetMiddleware).

        Field<NonNullGraphType<SessionType>>("createSession")
            .Argument<NonNullGraphType<StartSessionInputType>>("input")
            .Argument<IdGraphType>("clientEventId")
            .ResolveAsync(async context => (object?)(await SessionQuery.Sessions(context).StartAsync(
                Caller.From(context.User!), context.GetArgument<StartSessionCommand>("input"), ClientEventId(context))).Session);

        Command<BuyInInputType, AddBuyInCommand>("addBuyIn", SessionDecider.AddBuyIn, "buy-in");
        Command<ExpenseInputType, AddExpenseCommand>("addExpense", SessionDecider.AddExpense, "expense");
        Command<EndSessionInputType, EndSessionCommand>("endSession", SessionDecider.End, "end");
        Command<CorrectionInputType, CorrectSessionCommand>("correctSession", SessionDecider.Correct, "correct");

        Field<NonNullGraphType<SessionType>>("updateStack")
            .Argument<NonNullGraphType<IdGraphType>>("sessionId")
            .Argument<NonNullGraphType<LongGraphType>>("amount")
            .Argument<DateTimeOffsetGraphType>("at")
            .Argument<IdGraphType>("clientEventId")
            .ResolveAsync(context => Run(context, new UpdateStackCommand(context.GetArgument<long>("amount"), context.GetArgument<DateTimeOffset?>("at")),
                SessionDecider.UpdateStack, "stack"));

        Field<NonNullGraphType<SessionType>>("addNote")
            .Argument<NonNullGraphType<IdGraphType>>("sessionId")
            .Argument<NonNullGraphType<StringGraphType>>("text")
            .Argument<DateTimeOffsetGraphType>("at")
            .Argument<IdGraphType>("clientEventId")
            .ResolveAsync(context => Run(context, new AddNoteCommand(context.GetArgument<string>("text"), context.GetArgument<DateTimeOffset?>("at")),
                SessionDecider.AddNote, "note"));

        BreakField("startBreak", SessionDecider.StartBreak, "break-start");
        BreakField("endBreak", SessionDecider.EndBreak, "break-end");

        Field<NonNullGraphType<GuardsType>>("setGuards")
            .Description("Set my default session guards.")
            .Argument<NonNullGraphType<GuardsInputType>>("input")
            .ResolveAsync(async context => (object?)(await GuardsApi.SetMyGuards(context.User!, context.GetArgument<PokerTracker.Contracts.Tilt.SessionGuards>("input"),
                context.RequestServices!.GetRequiredService<StackExchange.Redis.IConnectionMultiplexer>())).Value);

        Field<NonNullGraphType<GuardsType>>("setSessionGuards")
            .Description("Guards for one session only.")
            .Argument<NonNullGraphType<IdGraphType>>("sessionId")
            .Argument<NonNullGraphType<GuardsInputType>>("input")
            .ResolveAsync(async context => (object?)(await GuardsApi.SetSessionGuards(context.User!,
                Guid.TryParse(context.GetArgument<string>("sessionId"), out var id) ? id : throw new SessionNotFoundException(Guid.Empty),
                context.GetArgument<PokerTracker.Contracts.Tilt.SessionGuards>("input"),
                SessionQuery.Sessions(context), context.RequestServices!.GetRequiredService<StackExchange.Redis.IConnectionMultiplexer>())).Value);

        Field<NonNullGraphType<SessionType>>("discardSession")
            .Argument<NonNullGraphType<IdGraphType>>("sessionId")
            .Argument<StringGraphType>("reason")
            .Argument<IdGraphType>("clientEventId")
            .ResolveAsync(context => Run(context, new DiscardSessionCommand(context.GetArgument<string?>("reason")), SessionDecider.Discard, "discard"));
    }

    private void Command<TInput, TCommand>(string name, Func<SessionState, TCommand, DateTimeOffset, SessionEventEnvelope> decide, string operation)
        where TInput : IInputObjectGraphType
        where TCommand : notnull =>
        Field<NonNullGraphType<SessionType>>(name)
            .Argument<NonNullGraphType<IdGraphType>>("sessionId")
            .Argument<NonNullGraphType<TInput>>("input")
            .Argument<IdGraphType>("clientEventId")
            .ResolveAsync(context => Run(context, context.GetArgument<TCommand>("input"), decide, operation));

    private void BreakField(string name, Func<SessionState, BreakCommand, DateTimeOffset, SessionEventEnvelope> decide, string operation) =>
        Field<NonNullGraphType<SessionType>>(name)
            .Argument<NonNullGraphType<IdGraphType>>("sessionId")
            .Argument<DateTimeOffsetGraphType>("at")
            .Argument<IdGraphType>("clientEventId")
            .ResolveAsync(context => Run(context, new BreakCommand(context.GetArgument<DateTimeOffset?>("at")), decide, operation));

    private static async Task<object?> Run<TCommand>(
        IResolveFieldContext context, TCommand command, Func<SessionState, TCommand, DateTimeOffset, SessionEventEnvelope> decide, string operation)
        where TCommand : notnull
    {
        var id = Guid.TryParse(context.GetArgument<string>("sessionId"), out var parsed) ? parsed : throw new SessionNotFoundException(Guid.Empty);
        var result = await SessionQuery.Sessions(context).ChangeAsync(Caller.From(context.User!), id, command, ClientEventId(context), null, decide, operation);
        return result.Session;
    }

    private static string? ClientEventId(IResolveFieldContext context)
    {
        var value = context.GetArgument<string?>("clientEventId");
        return value is null || System.Text.RegularExpressions.Regex.IsMatch(value, "^[A-Za-z0-9._:-]{1,100}$")
            ? value
            : throw new ExecutionError("clientEventId must be 1 to 100 letters, digits, '-', '_', '.' or ':'.") { Code = "VALIDATION" };
    }
}
