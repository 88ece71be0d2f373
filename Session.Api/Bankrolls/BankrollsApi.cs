using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using PokerTracker.SessionApi.Accounts;
using PokerTracker.SessionApi.Infrastructure;
using PokerTracker.SessionApi.Sessions;

namespace PokerTracker.SessionApi.Bankrolls;

public static class BankrollsApi
{
    public static IEndpointRouteBuilder MapBankrollsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/bankrolls").WithTags("Bankrolls").RequireAuthorization()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status429TooManyRequests);
        group.MapGet("/", List).WithName("ListBankrolls").WithSummary("My bankrolls with their balances, and how many ended sessions no bankroll takes.");
        group.MapPost("/", Create).RequireRateLimiting(RateLimits.Writes).WithName("CreateBankroll")
            .WithSummary("A bankroll in one currency; live/online make it the default home of those sessions.");
        group.MapPatch("/{id:guid}", Change).RequireRateLimiting(RateLimits.Writes).WithName("ChangeBankroll").WithSummary("Rename it, or change what it is the default for.");
        group.MapDelete("/{id:guid}", Delete).RequireRateLimiting(RateLimits.Writes).WithName("DeleteBankroll")
            .WithSummary("Remove a bankroll that holds no ledger entries; sessions booked to it go back to the default rule.");
        group.MapGet("/{id:guid}/history", History).WithName("BankrollHistory").WithSummary("Its balance after each deposit, withdrawal, transfer and session, oldest first.");
        group.MapPost("/{id:guid}/entries", AddEntry).RequireRateLimiting(RateLimits.Writes).WithName("AddLedgerEntry").WithSummary("A deposit or a withdrawal (with an Idempotency-Key, booked once however often it is sent).");
        group.MapDelete("/{id:guid}/entries/{entryId:guid}", RemoveEntry).RequireRateLimiting(RateLimits.Writes).WithName("RemoveLedgerEntry")
            .WithSummary("Remove a mistaken entry (a transfer goes as a whole).");
        group.MapPost("/transfers", Transfer).RequireRateLimiting(RateLimits.Writes).WithName("Transfer")
            .WithSummary("Move money between two bankrolls (with the amount received when the currencies differ; with an Idempotency-Key, moved once).");
        app.MapPut("/api/sessions/{id:guid}/bankroll", Book).WithTags("Bankrolls").RequireAuthorization().RequireRateLimiting(RateLimits.Writes)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("BookSession").WithSummary("Book an ended session's result to a bankroll in its currency (null: back to the default).");
        return app;
    }

    public static async Task<Ok<BankrollsView>> List(ClaimsPrincipal user, BankrollService bankrolls, CancellationToken ct) =>
        TypedResults.Ok(await bankrolls.ListAsync(Caller.From(user), ct));

    public static async Task<Created<Bankroll>> Create(ClaimsPrincipal user, NewBankroll input, HttpRequest request, BankrollService bankrolls)
    {
        var bankroll = await bankrolls.CreateAsync(Caller.From(user), input, RequestHeaders.IdempotencyKey(request));
        return TypedResults.Created($"/api/bankrolls/{bankroll.Id}", bankroll);
    }

    public static async Task<Ok<Bankroll>> Change(ClaimsPrincipal user, Guid id, BankrollChange input, BankrollService bankrolls) =>
        TypedResults.Ok(await bankrolls.ChangeAsync(Caller.From(user), id, input));

    public static async Task<NoContent> Delete(ClaimsPrincipal user, Guid id, BankrollService bankrolls)
    {
        await bankrolls.DeleteAsync(Caller.From(user), id);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<IReadOnlyList<BalancePoint>>> History(ClaimsPrincipal user, Guid id, BankrollService bankrolls, CancellationToken ct) =>
        TypedResults.Ok(await bankrolls.HistoryAsync(Caller.From(user), id, ct));

    public static async Task<Created<LedgerEntry>> AddEntry(ClaimsPrincipal user, Guid id, NewEntry input, HttpRequest request, BankrollService bankrolls)
    {
        var entry = await bankrolls.AddEntryAsync(Caller.From(user), id, input, RequestHeaders.IdempotencyKey(request));
        return TypedResults.Created($"/api/bankrolls/{id}/entries/{entry.Id}", entry);
    }

    public static async Task<NoContent> RemoveEntry(ClaimsPrincipal user, Guid id, Guid entryId, BankrollService bankrolls)
    {
        await bankrolls.RemoveEntryAsync(Caller.From(user), id, entryId);
        return TypedResults.NoContent();
    }

    /// <summary>Books the money out of one bankroll and into the other: 201 with both entries, as a deposit is (the location is the entry out).</summary>
    public static async Task<Created<IReadOnlyList<LedgerEntry>>> Transfer(ClaimsPrincipal user, NewTransfer input, HttpRequest request, BankrollService bankrolls)
    {
        var entries = await bankrolls.TransferAsync(Caller.From(user), input, RequestHeaders.IdempotencyKey(request));
        var sent = entries.FirstOrDefault(e => e.BankrollId == input.From) ?? entries[0];
        return TypedResults.Created($"/api/bankrolls/{sent.BankrollId}/entries/{sent.Id}", entries);
    }

    public static async Task<NoContent> Book(ClaimsPrincipal user, Guid id, Booking booking, BankrollService bankrolls)
    {
        await bankrolls.BookAsync(Caller.From(user), id, booking);
        return TypedResults.NoContent();
    }
}
