using GraphQL;
using GraphQL.Types;
using PokerTracker.SessionApi.Accounts;
using PokerTracker.SessionApi.Infrastructure;
using PokerTracker.SessionApi.Training;
using PokerTracker.Trainer.Solver;

namespace PokerTracker.SessionApi.GraphQL;

/// <summary>Push/fold training in GraphQL: the same service, rules, limits and grading as REST.</summary>
public static class TrainingFields
{
    public static void AddTrainingQueries(this ObjectGraphType query)
    {
        query.Field<TrainingType>("training")
            .Description("One of my training sessions, or null. The open spot never carries its answer.")
            .WithComplexityImpact(5)
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async context =>
            {
                if (!Guid.TryParse(context.GetArgument<string>("id"), out var id))
                {
                    throw Infrastructure.InvalidInputException.Field("id", "Is not a training id (a UUID).");
                }

                try
                {
                    return await Service(context).GetAsync(Caller.From(context.User!), id);
                }
                catch (TrainingNotFoundException)
                {
                    return null;
                }
            });

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<TrainingType>>>>("trainings")
            .Description("My training sessions, newest first.")
            .WithComplexityImpact(20)
            .Argument<IntGraphType>("first", a => a.DefaultValue = 20)
            .ResolveAsync(async context =>
            {
                var first = context.GetArgument("first", 20);
                return first is < 1 or > 100
                    ? throw new ExecutionError("first must be between 1 and 100.") { Code = "VALIDATION" }
                    : await Service(context).ListAsync(Caller.From(context.User!), first);
            });

        query.Field<NonNullGraphType<TrainingStatisticsType>>("trainingStatistics")
            .Description("Accuracy and EV lost per 100 decisions, by stack depth, seat and day (same as GET /api/training/statistics).")
            .WithComplexityImpact(100)
            .Argument<StringGraphType>("timeZone", a => a.Description = "The player's IANA time zone: the days are theirs (UTC when not given).")
            .ResolveAsync(async context =>
            {
                var zone = TrainingReader.Zone(context.GetArgument<string?>("timeZone"));
                var caller = Caller.From(context.User!);
                Get<PlayerLimiters>(context).ChargeStatistics(caller.UserId);
                return await Get<TrainingReader>(context).StatisticsAsync(caller.UserId, context.CancellationToken, zone);
            });

        query.Field<NonNullGraphType<TrainingChartType>>("trainingChart")
            .Description("The equilibrium at a stack (1–50bb, 0.1bb steps) and ante: each hand's shove and call frequencies.")
            .WithComplexityImpact(100)
            .Argument<FloatGraphType>("stack", a => a.DefaultValue = 10.0)
            .Argument<FloatGraphType>("ante", a => a.DefaultValue = 0.0)
            .Resolve(context =>
            {
                Get<PlayerLimiters>(context).ChargeStatistics(Caller.From(context.User!).UserId);
                return Get<TrainingCharts>(context).At(context.GetArgument<double?>("stack"), context.GetArgument<double?>("ante"));
            });

        query.Field<NonNullGraphType<LeaderboardPageType>>("leaderboard")
            .Description("The weekly or all-time board (opt-in players, by EV lost per 100 decisions) and my rank; after is the cursor of the previous page.")
            .WithComplexityImpact(20)
            .Argument<NonNullGraphType<LeaderboardKindType>>("board", a => a.DefaultValue = "weekly")
            .Argument<IntGraphType>("first", a => a.DefaultValue = 25)
            .Argument<StringGraphType>("after")
            .ResolveAsync(async context =>
            {
                var first = context.GetArgument("first", 25);
                return first is < 1 or > 100
                    ? throw new ExecutionError("first must be between 1 and 100.") { Code = "VALIDATION" }
                    : await Get<Leaderboards>(context).PageAsync(context.GetArgument<string>("board"), Caller.From(context.User!).UserId, first,
                        context.GetArgument<string?>("after"));
            });

        query.Field<NonNullGraphType<LeaderboardProfileType>>("leaderboardProfile")
            .Description("Whether I am on the leaderboards, and under which name.")
            .ResolveAsync(async context => await Get<Leaderboards>(context).GetProfileAsync(Caller.From(context.User!).UserId));
    }

    public static void AddTrainingMutations(this ObjectGraphType mutation)
    {
        mutation.Field<TrainingType>("startTraining")
            .Description("Start a drill; the first spot is dealt.")
            .Argument<StartTrainingInputType>("input")
            .Argument<IdGraphType>("clientEventId")
            .ResolveAsync(async context => await Service(context).StartAsync(Caller.From(context.User!),
                context.GetArgument<StartTrainingRequest?>("input") ?? new StartTrainingRequest(), SessionMutation.ClientEventId(context)));

        mutation.Field<DecisionResultType>("decide")
            .Description("Answer the open spot (SHOVE or FOLD as small blind, CALL or FOLD as big blind): graded on the server, and the next spot dealt.")
            .Argument<NonNullGraphType<IdGraphType>>("trainingId")
            .Argument<NonNullGraphType<IntGraphType>>("spot")
            .Argument<NonNullGraphType<TrainingChoiceType>>("choice")
            .Argument<IdGraphType>("clientEventId")
            .ResolveAsync(async context => await Service(context).DecideAsync(Caller.From(context.User!), TrainingId(context),
                new DecisionRequest(context.GetArgument<int>("spot"), context.GetArgument<string>("choice")), SessionMutation.ClientEventId(context)));

        mutation.Field<TrainingType>("endTraining")
            .Argument<NonNullGraphType<IdGraphType>>("trainingId")
            .ResolveAsync(async context => await Service(context).EndAsync(Caller.From(context.User!), TrainingId(context)));

        mutation.Field<LeaderboardProfileType>("setLeaderboardProfile")
            .Description("Opt in (with a display name) or out of the leaderboards.")
            .Argument<NonNullGraphType<BooleanGraphType>>("optIn")
            .Argument<StringGraphType>("displayName")
            .ResolveAsync(async context => await Get<Leaderboards>(context).SetProfileAsync(Caller.From(context.User!).UserId,
                new LeaderboardProfile(context.GetArgument<bool>("optIn"), context.GetArgument<string?>("displayName"))));
    }

    private static Guid TrainingId(IResolveFieldContext context) =>
        Guid.TryParse(context.GetArgument<string>("trainingId"), out var id) ? id : throw Infrastructure.InvalidInputException.Field("trainingId", "Is not a training id (a UUID).");

    private static TrainingService Service(IResolveFieldContext context) => Get<TrainingService>(context);

    private static T Get<T>(IResolveFieldContext context) where T : notnull => context.RequestServices!.GetRequiredService<T>();
}

public sealed class TrainingType : PropertiesType<TrainingView>
{
    public TrainingType()
    {
        Name = "Training";
        Description = "A push/fold training session: the graded spots and the open one.";
    }
}

public sealed class TrainingSpotType : PropertiesType<TrainingSpot>
{
    public TrainingSpotType() => Name = "TrainingSpot";
}

public sealed class TrainingDecisionType : PropertiesType<TrainingDecision>
{
    public TrainingDecisionType() => Name = "TrainingDecision";
}

public sealed class DecisionResultType : PropertiesType<DecisionResult>
{
    public DecisionResultType() => Name = "DecisionResult";
}

public sealed class TrainingStatisticsType : PropertiesType<TrainingStatistics>
{
    public TrainingStatisticsType() => Name = "TrainingStatistics";
}

public sealed class TrainingFiguresType : PropertiesType<TrainingFigures>
{
    public TrainingFiguresType() => Name = "TrainingFigures";
}

public sealed class TrainingChartType : PropertiesType<ChartView>
{
    public TrainingChartType() => Name = "TrainingChart";
}

public sealed class TrainingChartCellType : PropertiesType<ChartCell>
{
    public TrainingChartCellType() => Name = "TrainingChartCell";
}

public sealed class StackRangeType : PropertiesType<StackRange>
{
    public StackRangeType() => Name = "StackRange";
}

public sealed class LeaderboardPageType : PropertiesType<LeaderboardPage>
{
    public LeaderboardPageType() => Name = "LeaderboardPage";
}

public sealed class LeaderboardEntryType : PropertiesType<LeaderboardEntry>
{
    public LeaderboardEntryType() => Name = "LeaderboardEntry";
}

public sealed class LeaderboardProfileType : PropertiesType<LeaderboardProfile>
{
    public LeaderboardProfileType() => Name = "LeaderboardProfile";
}

public sealed class StartTrainingInputType : AutoRegisteringInputObjectGraphType<StartTrainingRequest>
{
    public StartTrainingInputType() => Name = "StartTrainingInput";
}

public sealed class LeaderboardKindType : EnumerationGraphType
{
    public LeaderboardKindType()
    {
        Name = "LeaderboardKind";
        Add("WEEKLY", "weekly");
        Add("ALL_TIME", "all-time");
    }
}

public sealed class TrainingChoiceType : EnumerationGraphType
{
    public TrainingChoiceType()
    {
        Name = "TrainingChoice";
        Add("SHOVE", "shove");
        Add("CALL", "call");
        Add("FOLD", "fold");
    }
}
