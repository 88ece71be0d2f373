using GraphQL;
using GraphQL.Types;
using PokerTracker.SessionApi.Accounts;
using PokerTracker.SessionApi.Infrastructure;
using PokerTracker.SessionApi.Sessions;
using PokerTracker.SessionApi.Alerts;

namespace PokerTracker.SessionApi.GraphQL;

public sealed class SessionQuery : ObjectGraphType
{
    public SessionQuery()
    {
        Name = "Query";

        Field<NonNullGraphType<AccountType>>("me")
            .Description("The signed-in player.")
            .ResolveAsync(async context =>
            {
                var account = await context.RequestServices!.GetRequiredService<UserStore>().FindAsync(Caller.From(context.User!).UserId);
                return account is null ? throw new ExecutionError("The account no longer exists.") { Code = "NOT_FOUND" } : AuthApi.View(account);
            });

        Field<SessionType>("session")
            .Description("One of my sessions, or null when I have none with this id (an id that is not a UUID is an error).")
            .WithComplexityImpact(5) // a document read
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async context =>
            {
                if (!Guid.TryParse(context.GetArgument<string>("id"), out var id))
                {
                    throw SessionMutation.NotAnId("id");
                }

                try
                {
                    return await Sessions(context).GetAsync(Caller.From(context.User!), id);
                }
                catch (SessionNotFoundException)
                {
                    return null;
                }
            });

        Field<NonNullGraphType<SessionConnectionType>>("sessions")
            .Description("My sessions, newest first, as a cursor connection.")
            .Argument<IntGraphType>("first", a => a.DefaultValue = 20)
            .Argument<StringGraphType>("after")
            .Argument<SessionStatusType>("status")
            .ResolveAsync(async context =>
            {
                var first = context.GetArgument("first", 20);
                if (first is < 1 or > 100)
                {
                    throw new ExecutionError("first must be between 1 and 100.") { Code = "VALIDATION" };
                }

                var page = await Sessions(context).ListAsync(
                    Caller.From(context.User!), context.GetArgument<string?>("status"), first, context.GetArgument<string?>("after"));
                var edges = page.Items.Select(s => new SessionEdge(SessionCursor.Of(s), s)).ToList();
                return new SessionConnection(edges, new PageInfo(page.NextCursor is not null, page.NextCursor ?? edges.LastOrDefault()?.Cursor));
            });

        AddStatistics();
        this.AddTrainingQueries();

        Field<NonNullGraphType<GuardsType>>("guards")
            .Description("My default session guards.")
            .ResolveAsync(async context => (object?)await context.RequestServices!.GetRequiredService<GuardStore>().ForPlayerAsync(Caller.From(context.User!).UserId));
    }

    private void AddStatistics() =>
        Field<NonNullGraphType<PlayerStatisticsType>>("statistics")
            .Description("Results over my ended sessions (same figures as GET /api/stats).")
            .WithComplexityImpact(100) // a query over every ended session: the dearest field
            .Argument<StatsFilterInputType>("filter")
            .Argument<LongGraphType>("bankroll")
            .Argument<FloatGraphType>("targetRisk", a => a.DefaultValue = 0.05)
            .Argument<IntGraphType>("points", a =>
            {
                a.DefaultValue = Statistics.StatisticsCalculator.DefaultChartPoints;
                a.Description = "The most points of the cumulative and bankroll series (2–100000).";
            })
            .ResolveAsync(async context => (object?)await context.RequestServices!.GetRequiredService<Statistics.StatisticsService>().GetAsync(
                Caller.From(context.User!),
                (context.GetArgument<Statistics.StatsFilter?>("filter") ?? new Statistics.StatsFilter()).Normalized(),
                new Statistics.RiskInputs(context.GetArgument<long?>("bankroll"), context.GetArgument("targetRisk", 0.05)),
                context.CancellationToken,
                context.GetArgument("points", Statistics.StatisticsCalculator.DefaultChartPoints)));

    internal static SessionService Sessions(IResolveFieldContext context) => context.RequestServices!.GetRequiredService<SessionService>();
}
