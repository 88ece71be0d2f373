using GraphQL;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Json;
using PokerTracker.Clients.ClickHouse;
using PokerTracker.Clients.Kafka;
using PokerTracker.Clients.Redis;
using PokerTracker.SessionApi.Accounts;
using PokerTracker.SessionApi.Csv;
using PokerTracker.SessionApi.GraphQL;
using PokerTracker.SessionApi.Infrastructure;
using PokerTracker.SessionApi.Live;
using PokerTracker.SessionApi.Sessions;

namespace PokerTracker.SessionApi.Extensions;

internal static class ApplicationServiceExtensions
{
    public static WebApplicationBuilder AddApplicationServices(this WebApplicationBuilder builder)
    {
        builder.AddRedis();
        builder.AddKafka();
        builder.AddClickHouse();
        // Kestrel's own cap is the largest allowed body; BodySizeLimit applies the per-path limits.
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = Math.Max(CsvApi.MaxImportBytes, MaxHandUploadBytes(builder.Configuration)));

        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(o => ApiJson.Configure(o.SerializerOptions));
        services.AddOpenApi();

        services.AddOptions<SessionStoreOptions>().BindConfiguration(SessionStoreOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SessionStateCache>();
        services.AddSingleton<SessionStore>();
        services.AddSingleton<SessionService>();
        services.AddSingleton<SessionMetrics>();
        services.AddSingleton<IWarmUpTarget, LoopbackWarmUpTarget>();
        services.AddSingleton<WarmUp>();
        services.AddHostedService(sp => sp.GetRequiredService<WarmUp>());
        services.AddHealthChecks().AddCheck<WarmUp>(WarmUp.Name);
        services.AddHostedService<OutboxRelay>();
        services.AddOptions<ReconcilerOptions>().BindConfiguration(ReconcilerOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddHostedService<AnalyticsReconciler>();
        services.AddSingleton<IAnalyticsReconciliation, Training.TrainingReconciliation>();
        services.AddSingleton<Alerts.AlertStore>();
        services.AddSingleton<Alerts.GuardStore>();
        services.AddHostedService<Alerts.AlertRelay>();
        services.AddSingleton<LiveHub>();
        services.AddSingleton<StreamSlots>();
        services.AddSingleton<SseStreams>();

        services.AddSingleton<AnalyticsStore>();
        services.AddSingleton<Statistics.StatisticsReader>();
        services.AddSingleton<Statistics.OnlineSessionReader>();
        services.AddSingleton<Statistics.StatisticsService>();
        services.AddSingleton<Notes.NoteSearch>();
        services.AddSingleton<Bankrolls.BankrollStore>();
        services.AddSingleton<Bankrolls.BankrollService>();
        services.AddOptions<Push.PushOptions>().BindConfiguration(Push.PushOptions.Section);
        services.AddSingleton<Push.VapidKeys>();
        services.AddSingleton<Push.PushSubscriptions>();
        services.AddSingleton<Push.PushSender>();
        services.AddHostedService(sp => sp.GetRequiredService<Push.PushSender>());
        services.AddHttpClient(Push.PushSender.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(15));
        services.AddSingleton<Csv.CsvExporter>();
        services.AddSingleton<Csv.CsvImporter>();
        // In memory only: a cache in Redis would share its memory with accounts and live sessions.
        services.AddHybridCache(o => o.MaximumPayloadBytes = 4 * 1024 * 1024);

        services.AddTraining();
        services.AddHands();
        services.AddAccounts();
        services.AddPokerTrackerRateLimits();
        services.AddSessionGraphQL();
        return builder;
    }

    /// <summary>The largest hand-history upload, as configured (Hands:MaxUploadBytes).</summary>
    public static long MaxHandUploadBytes(IConfiguration configuration) =>
        configuration.GetValue<long?>(Contracts.RequestLimits.HandUploadSetting) ?? Contracts.RequestLimits.HandUploadBytes;

    private static void AddHands(this IServiceCollection services)
    {
        services.AddOptions<Hands.HandOptions>().BindConfiguration(Hands.HandOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<Hands.HandStore>();
        services.AddSingleton<Hands.HandMapping>();
        services.AddSingleton<Hands.HandImporter>();
        services.AddSingleton<Hands.HandReader>();
        services.AddSingleton<IAnalyticsReconciliation, Hands.HandReconciliation>();
    }

    private static void AddTraining(this IServiceCollection services)
    {
        services.AddOptions<Training.TrainingOptions>().BindConfiguration(Training.TrainingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(_ => new Trainer.Solver.PushFoldSolver(Trainer.Equity.EquityTable.Default));
        services.AddSingleton<Trainer.Solver.StrategyCache>();
        services.AddSingleton<Trainer.Solver.Grader>();
        services.AddSingleton<Training.TrainingStore>();
        services.AddSingleton<Training.TrainingService>();
        services.AddSingleton<Training.TrainingReader>();
        services.AddSingleton<Training.TrainingCharts>();
        services.AddSingleton<Training.Leaderboards>();
        services.AddHostedService<Training.LeaderboardRefresher>();
        services.AddHostedService<Training.SolutionStore>();
    }

    private static void AddAccounts(this IServiceCollection services)
    {
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<UserStore>();
        services.AddSingleton<RefreshTokenStore>();
        services.AddSingleton<LoginThrottle>();
        services.AddSingleton<KnownDevices>();
        services.AddSingleton<TokenService>();
        services.AddSingleton<AccountDeletion>();
        services.AddHostedService<AccountSweeper>();
        services.AddSingleton<AccountExport>();
        services.AddSingleton<AnalyticsExport>();
        services.AddSingleton<AccessTokens>();
        services.AddSingleton<RecentRevocations>();
        services.AddHostedService(sp => sp.GetRequiredService<RecentRevocations>());
        services.AddAuthentication(AccessTokenHandler.Name)
            .AddScheme<AuthenticationSchemeOptions, AccessTokenHandler>(AccessTokenHandler.Name, configureOptions: null);
        services.AddAuthorizationBuilder()
            .AddPolicy(AdminApi.Policy, policy => policy.RequireAuthenticatedUser().RequireRole(Roles.Admin));
    }

    private static void AddSessionGraphQL(this IServiceCollection services) =>
        services.AddGraphQL(graphql => graphql
            .AddSchema<SessionSchema>()
            .AddGraphTypes(typeof(SessionSchema).Assembly)
            .AddClrTypeMappings()
            .AddSystemTextJson()
            .AddComplexityAnalyzer(c =>
            {
                c.MaxDepth = 12;
                c.MaxComplexity = 5_000;
            })
            .AddValidationRule(new MaxRootFieldsRule())
            .UseMiddleware<MutationBudgetMiddleware>(serviceLifetime: global::GraphQL.DI.ServiceLifetime.Singleton)
            .ConfigureExecutionOptions(o => o.MaxParallelExecutionCount ??= 4)
            .AddErrorInfoProvider(new TimeErrorInfoProvider()) // no type names or stack traces, in Development either (the logs have them)
            .AddUnhandledExceptionHandler(context =>
            {
                (string code, string message)? known = context.OriginalException is ProblemException p ? (p.Code, p.Message) : null;
                if (known is { } k)
                {
                    // The problem kept inside (not shown: no data is exposed), for the answer's Retry-After (GraphQLApi).
                    context.Exception = new ExecutionError(k.message, context.OriginalException) { Code = k.code };
                }
            }));
}
