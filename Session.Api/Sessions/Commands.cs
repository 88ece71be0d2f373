using PokerTracker.Contracts.Events;
using PokerTracker.Contracts.Sessions;
using PokerTracker.SharedKernel.Sessions;

namespace PokerTracker.SessionApi.Sessions;

// What a player asks for. Amounts are integer minor units of the session's currency.

/// <summary>
/// A command on an existing session: the rule that decides it (<see cref="SessionDecider"/>) and
/// its name in idempotency fingerprints. Explicit members, so they are neither bound from JSON nor
/// part of the GraphQL input types.
/// </summary>
public interface ISessionCommand
{
    string Operation { get; }

    SessionEventEnvelope Decide(SessionState session, DateTimeOffset now);
}

public sealed record StakesInput(long SmallBlind, long BigBlind, long? Ante = null, long? Straddle = null);

public sealed record TournamentInput(long BuyIn, long Fee = 0, long? StartingStack = null);

public sealed record StartSessionCommand(
    string Kind,
    string Game,
    string Format,
    string Venue,
    string Currency,
    string? GameName = null,
    IReadOnlyList<string>? Tags = null,
    DateTimeOffset? StartedAt = null,
    StakesInput? Stakes = null,
    TournamentInput? Tournament = null,
    long? BuyIn = null,
    string? TimeZone = null);

public sealed record AddBuyInCommand(string Kind, long Amount, DateTimeOffset? At = null) : ISessionCommand
{
    string ISessionCommand.Operation => "buy-in";

    SessionEventEnvelope ISessionCommand.Decide(SessionState session, DateTimeOffset now) => SessionDecider.AddBuyIn(session, this, now);
}

public sealed record UpdateStackCommand(long Amount, DateTimeOffset? At = null) : ISessionCommand
{
    string ISessionCommand.Operation => "stack";

    SessionEventEnvelope ISessionCommand.Decide(SessionState session, DateTimeOffset now) => SessionDecider.UpdateStack(session, this, now);
}

public sealed record AddNoteCommand(string Text, DateTimeOffset? At = null) : ISessionCommand
{
    string ISessionCommand.Operation => "note";

    SessionEventEnvelope ISessionCommand.Decide(SessionState session, DateTimeOffset now) => SessionDecider.AddNote(session, this, now);
}

/// <summary>
/// A note's new text; <see cref="Sequence"/> names the note (from the route). <see cref="Was"/>, when sent, is the
/// text the editor started from: a note changed since (on another device) is not overwritten (409).
/// </summary>
public sealed record EditNoteCommand(long Sequence, string Text, string? Was = null) : ISessionCommand
{
    string ISessionCommand.Operation => "note-edit";

    SessionEventEnvelope ISessionCommand.Decide(SessionState session, DateTimeOffset now) => SessionDecider.EditNote(session, this, now);
}

public sealed record DeleteNoteCommand(long Sequence) : ISessionCommand
{
    string ISessionCommand.Operation => "note-delete";

    SessionEventEnvelope ISessionCommand.Decide(SessionState session, DateTimeOffset now) => SessionDecider.DeleteNote(session, this, now);
}

/// <summary>Takes back an expense typed wrong; <see cref="Sequence"/> names it (from the route).</summary>
public sealed record DeleteExpenseCommand(long Sequence) : ISessionCommand
{
    string ISessionCommand.Operation => "expense-delete";

    SessionEventEnvelope ISessionCommand.Decide(SessionState session, DateTimeOffset now) => SessionDecider.DeleteExpense(session, this, now);
}

public sealed record AddExpenseCommand(string Kind, long Amount, string? Description = null, DateTimeOffset? At = null) : ISessionCommand
{
    string ISessionCommand.Operation => "expense";

    SessionEventEnvelope ISessionCommand.Decide(SessionState session, DateTimeOffset now) => SessionDecider.AddExpense(session, this, now);
}

public sealed record BreakCommand(DateTimeOffset? At = null);

/// <summary>Start a break (the time is that of the <see cref="BreakCommand"/>).</summary>
public sealed record StartBreak(BreakCommand Break) : ISessionCommand
{
    string ISessionCommand.Operation => "break-start";

    SessionEventEnvelope ISessionCommand.Decide(SessionState session, DateTimeOffset now) => SessionDecider.StartBreak(session, Break, now);
}

/// <summary>End the running break.</summary>
public sealed record EndBreak(BreakCommand Break) : ISessionCommand
{
    string ISessionCommand.Operation => "break-end";

    SessionEventEnvelope ISessionCommand.Decide(SessionState session, DateTimeOffset now) => SessionDecider.EndBreak(session, Break, now);
}

public sealed record EndSessionCommand(
    DateTimeOffset? At = null,
    long? CashOut = null,
    int? FinishPosition = null,
    int? FieldSize = null,
    long? Prize = null,
    int? HandsPlayed = null) : ISessionCommand
{
    string ISessionCommand.Operation => "end";

    SessionEventEnvelope ISessionCommand.Decide(SessionState session, DateTimeOffset now) => SessionDecider.End(session, this, now);
}

public sealed record CorrectSessionCommand(
    string? Reason = null,
    string? Venue = null,
    string? Game = null,
    string? GameName = null,
    string? Format = null,
    IReadOnlyList<string>? Tags = null,
    StakesInput? Stakes = null,
    TournamentInput? Tournament = null,
    DateTimeOffset? StartedAt = null,
    DateTimeOffset? EndedAt = null,
    long? CashOut = null,
    int? FinishPosition = null,
    int? FieldSize = null,
    long? Prize = null,
    int? HandsPlayed = null,
    long? TotalBuyIn = null) : ISessionCommand
{
    string ISessionCommand.Operation => "correct";

    SessionEventEnvelope ISessionCommand.Decide(SessionState session, DateTimeOffset now) => SessionDecider.Correct(session, this, now);
}

public sealed record DiscardSessionCommand(string? Reason = null) : ISessionCommand
{
    string ISessionCommand.Operation => "discard";

    SessionEventEnvelope ISessionCommand.Decide(SessionState session, DateTimeOffset now) => SessionDecider.Discard(session, this, now);
}
