using GraphQL;
using GraphQL.Transport;
using GraphQL.Types;

namespace PokerTracker.SessionApi.GraphQL;

/// <summary>
/// GraphQL over HTTP at <c>/graphql</c> (POST, JSON). Signed-in players only; every field is
/// scoped to the caller. A request that cannot be executed (no query, syntax errors, limits) is a
/// 400 with GraphQL errors; field errors are 200 with <c>errors[].extensions.code</c>. Limits: at most
/// 10 root fields (aliases count), a complexity budget, 4 fields resolved in parallel, and each
/// executed mutation draws on the same command budget as REST (RATE_LIMITED when spent).
/// </summary>
public static class GraphQLApi
{
    public static IEndpointRouteBuilder MapGraphQLApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/graphql", Execute).WithTags("GraphQL").RequireAuthorization()
            .WithName("GraphQL").WithSummary("GraphQL endpoint; the schema is in schema.graphql.")
            .Accepts<GraphQLRequest>("application/json").Produces(200).Produces(400);
        return app;
    }

    public static async Task Execute(HttpContext context, IGraphQLTextSerializer serializer, IDocumentExecuter<ISchema> executer)
    {
        GraphQLRequest? request;
        try
        {
            request = await serializer.ReadAsync<GraphQLRequest>(context.Request.Body, context.RequestAborted);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException or FormatException or NotSupportedException)
        {
            request = null;
        }

        ExecutionResult result;
        if (request?.Query is not { Length: > 0 })
        {
            result = new ExecutionResult { Errors = [new ExecutionError("The body must be a JSON object with a 'query' string.") { Code = "BAD_REQUEST" }] };
        }
        else
        {
            result = await executer.ExecuteAsync(new ExecutionOptions
            {
                Query = request.Query,
                OperationName = request.OperationName,
                Variables = request.Variables,
                Extensions = request.Extensions,
                User = context.User,
                RequestServices = context.RequestServices,
                CancellationToken = context.RequestAborted,
            });
        }

        context.Response.StatusCode = result.Executed ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest;
        if (result.Errors?.Select(e => e.InnerException).OfType<Infrastructure.RateLimitedException>().Select(r => r.RetryAfterSeconds).DefaultIfEmpty().Max() is > 0 and var wait)
        {
            // A field refused for the budget: when to try again, as REST says it.
            context.Response.Headers.RetryAfter = wait.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        context.Response.ContentType = "application/graphql-response+json; charset=utf-8";
        await serializer.WriteAsync(context.Response.Body, result, context.RequestAborted);
    }
}
