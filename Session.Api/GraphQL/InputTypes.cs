using GraphQL.Types;
using PokerTracker.SessionApi.Sessions;

namespace PokerTracker.SessionApi.GraphQL;

public sealed class StartSessionInputType : AutoRegisteringInputObjectGraphType<StartSessionCommand>
{
    public StartSessionInputType() => Name = "StartSessionInput";
}

public sealed class BuyInInputType : AutoRegisteringInputObjectGraphType<AddBuyInCommand>
{
    public BuyInInputType() => Name = "BuyInInput";
}

public sealed class ExpenseInputType : AutoRegisteringInputObjectGraphType<AddExpenseCommand>
{
    public ExpenseInputType() => Name = "ExpenseInput";
}

public sealed class EndSessionInputType : AutoRegisteringInputObjectGraphType<EndSessionCommand>
{
    public EndSessionInputType() => Name = "EndSessionInput";
}

public sealed class CorrectionInputType : AutoRegisteringInputObjectGraphType<CorrectSessionCommand>
{
    public CorrectionInputType() => Name = "CorrectionInput";
}

public sealed class StakesInputType : AutoRegisteringInputObjectGraphType<StakesInput>
{
    public StakesInputType() => Name = "StakesInput";
}

public sealed class TournamentInputType : AutoRegisteringInputObjectGraphType<TournamentInput>
{
    public TournamentInputType() => Name = "TournamentInput";
}

public sealed class StatsFilterInputType : AutoRegisteringInputObjectGraphType<Statistics.StatsFilter>
{
    public StatsFilterInputType() => Name = "StatsFilter";
}

public sealed class GuardsInputType : AutoRegisteringInputObjectGraphType<PokerTracker.SharedKernel.Tilt.SessionGuards>
{
    public GuardsInputType() => Name = "GuardsInput";
}
