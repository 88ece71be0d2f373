using PokerTracker.Contracts;
using PokerTracker.ServiceDefaults;
using PokerTracker.SessionApi.Accounts;
using PokerTracker.SessionApi.Alerts;
using PokerTracker.SessionApi.Bankrolls;
using PokerTracker.SessionApi.Csv;
using PokerTracker.SessionApi.Extensions;
using PokerTracker.SessionApi.GraphQL;
using PokerTracker.SessionApi.Goals;
using PokerTracker.SessionApi.Hands;
using PokerTracker.SessionApi.Infrastructure;
using PokerTracker.SessionApi.Live;
using PokerTracker.SessionApi.Notes;
using PokerTracker.SessionApi.Push;
using PokerTracker.SessionApi.Sessions;
using PokerTracker.SessionApi.Statistics;
using PokerTracker.SessionApi.Training;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddTrustedForwardedHeaders();
builder.AddApplicationServices();

var app = builder.Build();

app.UseTrustedForwardedHeaders();
app.UseExceptionHandler();
app.UseBodySizeLimit(RequestLimits.DefaultBodyBytes, RequestLimits.PerPath(ApplicationServiceExtensions.MaxHandUploadBytes(app.Configuration)));
app.UseStatusCodePages();
app.UseAuthentication();
app.UseRateLimiter();
app.UseAuthorization();

app.MapDefaultEndpoints();
app.MapOpenApi();
app.MapScalarApiReference();
app.MapAuthApi();
app.MapMeApi();
app.MapAdminApi();
app.MapSessionsApi();
app.MapLiveApi();
app.MapStatisticsApi();
app.MapNotesApi();
app.MapPushApi();
app.MapBankrollsApi();
app.MapGoalsApi();
app.MapCsvApi();
app.MapGuardsApi();
app.MapGraphQLApi();
app.MapTrainingApi();
app.MapHandsApi();

app.Run();

namespace PokerTracker.SessionApi
{
    /// <summary>Marks this service's assembly for the test hosts (WebApplicationFactory).</summary>
    public sealed class EntryPoint;
}
