using GraphQL;
using GraphQL.Types;
using PokerTracker.Contracts.Events;
using PokerTracker.Contracts.Sessions;
using PokerTracker.SessionApi.Sessions;
using PokerTracker.SessionApi.Alerts;
using PokerTracker.SessionApi.Accounts;

namespace PokerTracker.SessionApi.GraphQL;

/// <summary>The same commands as REST, through the same service. <c>clientEventId</c> is the idempotency key.</summary>
public sealed class SessionMutation : ObjectGraphType
{
    public SessionMutation()
    {
        Name = "Mutation";
        // Each mutation is a command: it also draws on the player's command budget (MutationBudgetMiddleware).
        // Every mutation field is nullable: when one of several (aliases) is refused, only its own field is
        // null and named in "errors"; the answers of those that were saved stay in "data" (a non-null field
        // would make the whole "data" null, as if nothing had been saved).

        Field<SessionType>("createSession")
            .Argument<NonNullGraphType<StartSessionInputType>>("input")
            .Argument<IdGraphType>("clientEventId")
            .ResolveAsync(async context => (object?)(await SessionQuery.Sessions(context).StartAsync(
                Caller.From(context.User!), context.GetArgument<StartSessionCommand>("input"), ClientEventId(context))).Session);

        Command<BuyInInputType, AddBuyInCommand>("addBuyIn");
        Command<ExpenseInputType, AddExpenseCommand>("addExpense");
        Command<EndSessionInputType, EndSessionCommand>("endSession");
        Command<CorrectionInputType, CorrectSessionCommand>("correctSession");

        Field<SessionType>("updateStack")
            .Argument<NonNullGraphType<IdGraphType>>("sessionId")
            .Argument<NonNullGraphType<LongGraphType>>("amount")
            .Argument<DateTimeOffsetGraphType>("at")
            .Argument<IdGraphType>("clientEventId")
            .ResolveAsync(context => Run(context, new UpdateStackCommand(context.GetArgument<long>("amount"), context.GetArgument<DateTimeOffset?>("at"))));

        Field<SessionType>("addNote")
            .Argument<NonNullGraphType<IdGraphType>>("sessionId")
            .Argument<NonNullGraphType<StringGraphType>>("text")
            .Argument<DateTimeOffsetGraphType>("at")
            .Argument<IdGraphType>("clientEventId")
            .ResolveAsync(context => Run(context, new AddNoteCommand(context.GetArgument<string>("text"), context.GetArgument<DateTimeOffset?>("at"))));

        Field<SessionType>("editNote")
            .Description("Change a note's text; the note is named by its sequence.")
            .Argument<NonNullGraphType<IdGraphType>>("sessionId")
            .Argument<NonNullGraphType<LongGraphType>>("sequence")
            .Argument<NonNullGraphType<StringGraphType>>("text")
            .Argument<StringGraphType>("was", "The text the note had when the editor opened it: changed since (on another device), the edit is refused, not saved over it.")
            .Argument<IdGraphType>("clientEventId")
            .ResolveAsync(context => Run(context, new EditNoteCommand(context.GetArgument<long>("sequence"), context.GetArgument<string>("text"), context.GetArgument<string?>("was"))));

        Field<SessionType>("deleteNote")
            .Argument<NonNullGraphType<IdGraphType>>("sessionId")
            .Argument<NonNullGraphType<LongGraphType>>("sequence")
            .Argument<IdGraphType>("clientEventId")
            .ResolveAsync(context => Run(context, new DeleteNoteCommand(context.GetArgument<long>("sequence"))));

        Field<SessionType>("deleteExpense")
            .Description("Take back an expense typed wrong; the expense is named by its sequence.")
            .Argument<NonNullGraphType<IdGraphType>>("sessionId")
            .Argument<NonNullGraphType<LongGraphType>>("sequence")
            .Argument<IdGraphType>("clientEventId")
            .ResolveAsync(context => Run(context, new DeleteExpenseCommand(context.GetArgument<long>("sequence"))));

        BreakField("startBreak", at => new StartBreak(new BreakCommand(at)));
        BreakField("endBreak", at => new EndBreak(new BreakCommand(at)));

        Field<GuardsType>("setGuards")
            .Description("Set my default session guards.")
            .Argument<NonNullGraphType<GuardsInputType>>("input")
            .ResolveAsync(async context => (object?)await context.RequestServices!.GetRequiredService<GuardStore>()
                .SetForPlayerAsync(Caller.From(context.User!).UserId, context.GetArgument<PokerTracker.SharedKernel.Tilt.SessionGuards>("input")));

        Field<GuardsType>("setSessionGuards")
            .Description("Guards for one session only.")
            .Argument<NonNullGraphType<IdGraphType>>("sessionId")
            .Argument<NonNullGraphType<GuardsInputType>>("input")
            .ResolveAsync(async context =>
            {
                var id = Guid.TryParse(context.GetArgument<string>("sessionId"), out var parsed) ? parsed : throw NotAnId("sessionId");
                var session = await SessionQuery.Sessions(context).LoadOwnedAsync(Caller.From(context.User!), id);
                return (object?)await context.RequestServices!.GetRequiredService<GuardStore>()
                    .SetForSessionAsync(id, session.Currency, context.GetArgument<PokerTracker.SharedKernel.Tilt.SessionGuards>("input"));
            });

        Field<SessionType>("discardSession")
            .Argument<NonNullGraphType<IdGraphType>>("sessionId")
            .Argument<StringGraphType>("reason")
            .Argument<IdGraphType>("clientEventId")
            .ResolveAsync(context => Run(context, new DiscardSessionCommand(context.GetArgument<string?>("reason"))));

        this.AddTrainingMutations();
    }

    private void Command<TInput, TCommand>(string name)
        where TInput : IInputObjectGraphType
        where TCommand : ISessionCommand =>
        Field<SessionType>(name)
            .Argument<NonNullGraphType<IdGraphType>>("sessionId")
            .Argument<NonNullGraphType<TInput>>("input")
            .Argument<IdGraphType>("clientEventId")
            .ResolveAsync(context => Run(context, context.GetArgument<TCommand>("input")));

    private void BreakField(string name, Func<DateTimeOffset?, ISessionCommand> command) =>
        Field<SessionType>(name)
            .Argument<NonNullGraphType<IdGraphType>>("sessionId")
            .Argument<DateTimeOffsetGraphType>("at")
            .Argument<IdGraphType>("clientEventId")
            .ResolveAsync(context => Run(context, command(context.GetArgument<DateTimeOffset?>("at"))));

    private static async Task<object?> Run<TCommand>(IResolveFieldContext context, TCommand command)
        where TCommand : ISessionCommand
    {
        var id = Guid.TryParse(context.GetArgument<string>("sessionId"), out var parsed) ? parsed : throw NotAnId("sessionId");
        var result = await SessionQuery.Sessions(context).ChangeAsync(Caller.From(context.User!), id, command, ClientEventId(context), null);
        return result.Session;
    }

    internal static Infrastructure.InvalidInputException NotAnId(string argument) =>
        Infrastructure.InvalidInputException.Field(argument, "Is not a session id (a UUID).");

    internal static string? ClientEventId(IResolveFieldContext context)
    {
        var value = context.GetArgument<string?>("clientEventId");
        return value is null || System.Text.RegularExpressions.Regex.IsMatch(value, "^[A-Za-z0-9._:-]{1,100}$")
            ? value
            : throw new ExecutionError("clientEventId must be 1 to 100 letters, digits, '-', '_', '.' or ':'.") { Code = "VALIDATION" };
    }
}
