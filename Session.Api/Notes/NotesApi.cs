using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using PokerTracker.SessionApi.Accounts;

namespace PokerTracker.SessionApi.Notes;

public static class NotesApi
{
    public static IEndpointRouteBuilder MapNotesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/notes", Search).WithTags("Sessions").RequireAuthorization()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status429TooManyRequests).ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithName("SearchNotes").WithSummary("My notes that contain the words (case-insensitive), newest first, with their sessions.");
        return app;
    }

    /// <param name="q">2 to 100 characters.</param>
    /// <param name="limit">At most this many (default 50, at most 200).</param>
    public static async Task<Ok<IReadOnlyList<NoteHit>>> Search(ClaimsPrincipal user, NoteSearch search, string? q, int? limit, CancellationToken ct) =>
        TypedResults.Ok(await search.SearchAsync(Caller.From(user), q, limit ?? 50, ct));
}
