using GraphQL;
using GraphQL.Types;
using PokerTracker.Contracts.Sessions;
using PokerTracker.SessionApi.Infrastructure;
using PokerTracker.SessionApi.Sessions;
using PokerTracker.SessionApi.Accounts;
using PokerTracker.SharedKernel.Sessions;

namespace PokerTracker.SessionApi.GraphQL;

/// <summary>A CLR record as a GraphQL object: its properties only (factory methods stay out of the schema).</summary>
public abstract class PropertiesType<T> : AutoRegisteringObjectGraphType<T>
{
    protected override IEnumerable<System.Reflection.MemberInfo> GetRegisteredMembers() =>
        base.GetRegisteredMembers().Where(m => m is System.Reflection.PropertyInfo);
}

public sealed class SessionType : PropertiesType<SessionView>
{
    public SessionType()
    {
        Name = "Session";
        Description = "A live or past poker session. Money is in minor units of its currency.";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<AlertType>>>>("alerts")
            .Description("Tilt and guard alerts, oldest first.")
            .ResolveAsync(async context => (object?)await context.RequestServices!.GetRequiredService<Alerts.AlertStore>().ListAsync(context.Source.Id));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StackPointType>>>>("stack")
            .Description("The stack over time.")
            .ResolveAsync(async context => (object?)await context.RequestServices!.GetRequiredService<SessionService>()
                .GetStackAsync(Caller.From(context.User!), context.Source.Id));
    }
}

public sealed class SessionSummaryType : PropertiesType<SessionSummary>
{
    public SessionSummaryType() => Name = "SessionSummary";
}

public sealed class StackPointType : PropertiesType<StackPoint>
{
    public StackPointType() => Name = "StackPoint";
}

public sealed class AccountType : PropertiesType<AccountView>
{
    public AccountType() => Name = "Account";
}

public sealed record SessionEdge(string Cursor, SessionSummary Node);

public sealed record PageInfo(bool HasNextPage, string? EndCursor);

public sealed record SessionConnection(IReadOnlyList<SessionEdge> Edges, PageInfo PageInfo);

public sealed class SessionEdgeType : PropertiesType<SessionEdge>
{
    public SessionEdgeType() => Name = "SessionEdge";
}

public sealed class PageInfoType : PropertiesType<PageInfo>
{
    public PageInfoType() => Name = "PageInfo";
}

public sealed class SessionConnectionType : PropertiesType<SessionConnection>
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

public sealed class StakesType : PropertiesType<Stakes>
{
    public StakesType() => Name = "Stakes";
}

public sealed class TournamentInfoType : PropertiesType<TournamentInfo>
{
    public TournamentInfoType() => Name = "TournamentInfo";
}

public sealed class SessionTotalsType : PropertiesType<SessionTotals>
{
    public SessionTotalsType() => Name = "SessionTotals";
}

public sealed class BuyInEntryType : PropertiesType<BuyInEntry>
{
    public BuyInEntryType() => Name = "BuyIn";
}

public sealed class ExpenseEntryType : PropertiesType<ExpenseEntry>
{
    public ExpenseEntryType() => Name = "Expense";
}

public sealed class BreakEntryType : PropertiesType<BreakEntry>
{
    public BreakEntryType() => Name = "Break";
}

public sealed class NoteEntryType : PropertiesType<NoteEntry>
{
    public NoteEntryType() => Name = "Note";
}

public sealed class CorrectionEntryType : PropertiesType<CorrectionEntry>
{
    public CorrectionEntryType() => Name = "Correction";
}

public sealed class PlayerStatisticsType : PropertiesType<Statistics.PlayerStatistics>
{
    public PlayerStatisticsType() => Name = "Statistics";
}

public sealed class BigBlindsBasisType : PropertiesType<Statistics.BigBlindsBasis>
{
    public BigBlindsBasisType() => Name = "BigBlindsBasis";
}

public sealed class ConfidenceIntervalType : PropertiesType<Statistics.ConfidenceInterval>
{
    public ConfidenceIntervalType() => Name = "ConfidenceInterval";
}

public sealed class RiskOfRuinType : PropertiesType<Statistics.RiskOfRuin>
{
    public RiskOfRuinType() => Name = "RiskOfRuin";
}

public sealed class BreakdownType : PropertiesType<Statistics.Breakdown>
{
    public BreakdownType() => Name = "Breakdown";
}

public sealed class MonthPlayedType : PropertiesType<Statistics.MonthPlayed>
{
    public MonthPlayedType() => Name = "MonthPlayed";
}

public sealed class TournamentSummaryType : PropertiesType<Statistics.TournamentSummary>
{
    public TournamentSummaryType() => Name = "TournamentSummary";
}

public sealed class CurvePointType : PropertiesType<Statistics.CurvePoint>
{
    public CurvePointType() => Name = "CurvePoint";
}

public sealed class BankrollPointType : PropertiesType<Statistics.BankrollPoint>
{
    public BankrollPointType() => Name = "BankrollPoint";
}

public sealed class HeatmapCellType : PropertiesType<Statistics.HeatmapCell>
{
    public HeatmapCellType() => Name = "HeatmapCell";
}

public sealed class SessionHighlightType : PropertiesType<Statistics.SessionHighlight>
{
    public SessionHighlightType() => Name = "SessionHighlight";
}

public sealed class AlertType : PropertiesType<Alerts.AlertView>
{
    public AlertType() => Name = "Alert";

    // The session is the parent in GraphQL; the type names the event on live streams only.
    protected override IEnumerable<System.Reflection.MemberInfo> GetRegisteredMembers() =>
        base.GetRegisteredMembers().Where(m => m.Name is not (nameof(Alerts.AlertView.Type) or nameof(Alerts.AlertView.SessionId)));
}

public sealed class GuardsType : PropertiesType<PokerTracker.SharedKernel.Tilt.SessionGuards>
{
    public GuardsType() => Name = "Guards";

    protected override IEnumerable<System.Reflection.MemberInfo> GetRegisteredMembers() =>
        base.GetRegisteredMembers().Where(m => m.Name is not (nameof(PokerTracker.SharedKernel.Tilt.SessionGuards.Any) or nameof(PokerTracker.SharedKernel.Tilt.SessionGuards.HasMoneyLimit)));
}
