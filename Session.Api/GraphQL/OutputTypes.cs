using GraphQL;
using GraphQL.Types;
using PokerTracker.Contracts.Sessions;
using PokerTracker.SessionApi.Apis;
using PokerTracker.SessionApi.Infrastructure;
using PokerTracker.SessionApi.Sessions;

namespace PokerTracker.SessionApi.GraphQL;

public sealed class SessionType : AutoRegisteringObjectGraphType<SessionView>
{
    public SessionType()
    {
        Name = "Session";
        Description = "A live or past poker session. Money is in minor units of its currency.";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StackPointType>>>>("stack")
            .Description("The stack over time.")
            .ResolveAsync(async context => (object?)await context.RequestServices!.GetRequiredService<SessionService>()
                .GetStackAsync(Caller.From(context.User!), context.Source.Id));
    }
}

public sealed class SessionSummaryType : AutoRegisteringObjectGraphType<SessionSummary>
{
    public SessionSummaryType() => Name = "SessionSummary";
}

public sealed class StackPointType : AutoRegisteringObjectGraphType<StackPoint>
{
    public StackPointType() => Name = "StackPoint";
}

public sealed class AccountType : AutoRegisteringObjectGraphType<AccountView>
{
    public AccountType() => Name = "Account";
}

public sealed record SessionEdge(string Cursor, SessionSummary Node);

public sealed record PageInfo(bool HasNextPage, string? EndCursor);

public sealed record SessionConnection(IReadOnlyList<SessionEdge> Edges, PageInfo PageInfo);

public sealed class SessionEdgeType : AutoRegisteringObjectGraphType<SessionEdge>
{
    public SessionEdgeType() => Name = "SessionEdge";
}

public sealed class PageInfoType : AutoRegisteringObjectGraphType<PageInfo>
{
    public PageInfoType() => Name = "PageInfo";
}

public sealed class SessionConnectionType : AutoRegisteringObjectGraphType<SessionConnection>
{
    public SessionConnectionType() => Name = "SessionConnection";
}

public sealed class SessionStatusType : EnumerationGraphType
{
    public SessionStatusType()
    {
        Name = "SessionStatus";
        Add("ACTIVE", SessionStatus.Active);
        Add("ENDED", SessionStatus.Ended);
        Add("DISCARDED", SessionStatus.Discarded);
    }
}
