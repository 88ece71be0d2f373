using PokerTracker.SessionApi.Infrastructure;

namespace PokerTracker.SessionApi.Bankrolls;

/// <summary>The bankroll or ledger entry is not among the player's (404).</summary>
public sealed class BankrollNotFoundException(Guid id, string what = "bankroll")
    : ProblemException(404, $"No such {what}.", $"There is no {what} {id} among yours.")
{
    public override string Code => "NOT_FOUND";
}

/// <summary>The request is valid, but the player's bankrolls do not allow it now (409).</summary>
public sealed class BankrollConflictException(string detail) : ProblemException(409, "The bankroll cannot do that now.", detail)
{
    public override string Code => "CONFLICT";
}
