using System.Net.Mail;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using PokerTracker.SessionApi.Accounts;
using PokerTracker.SessionApi.Infrastructure;
using PokerTracker.Contracts;

namespace PokerTracker.SessionApi.Accounts;

public sealed record RegisterRequest(string Email, string Password, bool? Cookie = null);

public sealed record LoginRequest(string Email, string Password, bool? Cookie = null);

public sealed record RefreshRequest(string? RefreshToken = null);

public sealed record PasswordChange(string CurrentPassword, string NewPassword, bool? Cookie = null);

public sealed record AccountView(string Id, string Email, string Role);

/// <summary>
/// An access token, and the refresh token: in the body for apps, or (with <c>cookie: true</c>)
/// only in an HttpOnly cookie, with a CSRF token for the double-submit check.
/// </summary>
public sealed record TokenResponse(string AccessToken, DateTimeOffset ExpiresAt, string? RefreshToken, string? CsrfToken, AccountView Account);

public static class AuthApi
{
    public const string RefreshCookie = "pt_refresh";
    public const string CsrfCookie = "pt_csrf";
    public const string CsrfHeader = "X-CSRF-Token";

    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/auth").WithTags("Accounts").ProducesProblem(StatusCodes.Status429TooManyRequests);
        auth.MapPost("/register", Register).RequireRateLimiting(RateLimits.Auth).WithName("Register").WithSummary("Create an account and sign in.");
        auth.MapPost("/login", Login).RequireRateLimiting(RateLimits.Auth).WithName("Login")
            .WithSummary("Sign in with e-mail and password (failed tries slow down further ones for that address: 429 with Retry-After).");
        auth.MapPost("/refresh", Refresh).RequireRateLimiting(RateLimits.Refresh).WithName("Refresh").WithSummary("Swap a refresh token for new tokens (rotation).");
        auth.MapPost("/logout", Logout).RequireRateLimiting(RateLimits.Refresh).WithName("Logout").WithSummary("Revoke this login's refresh tokens.");
        auth.MapPost("/logout-all", LogoutEverywhere).RequireAuthorization().RequireRateLimiting(RateLimits.Refresh).WithName("LogoutEverywhere")
            .WithSummary("Sign out on every device: every login's refresh tokens are revoked (access tokens end within 15 minutes).");
        auth.MapPost("/password", ChangePassword).RequireAuthorization().RequireRateLimiting(RateLimits.Auth).WithName("ChangePassword")
            .WithSummary("Change the password: every other login is signed out; this one gets new tokens.");
        return app;
    }

    public static async Task<Results<Created<TokenResponse>, ValidationProblem, Conflict<Microsoft.AspNetCore.Mvc.ProblemDetails>>> Register(
        RegisterRequest request, UserStore users, RefreshTokenStore refresh, TokenService tokens, KnownDevices devices, HttpContext context)
    {
        var errors = new Dictionary<string, string[]>();
        if (!IsEmail(request.Email))
        {
            errors["email"] = ["Must be an e-mail address."];
        }

        if (request.Password is not { Length: >= 8 and <= 128 })
        {
            errors["password"] = ["Must be 8 to 128 characters."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var account = await users.RegisterAsync(request.Email, request.Password);
        if (account is null)
        {
            return TypedResults.Conflict(new Microsoft.AspNetCore.Mvc.ProblemDetails
            {
                Status = 409, Title = "That e-mail address is already registered.", Detail = "Sign in instead.",
            });
        }

        devices.Remember(account.Email, context);
        return TypedResults.Created("/api/me", await IssueAsync(account, request.Cookie == true, refresh, tokens, context));
    }

    public static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> Login(
        LoginRequest request, UserStore users, RefreshTokenStore refresh, TokenService tokens, LoginThrottle throttle, HttpContext context)
    {
        if (!IsEmail(request.Email) || request.Password is not { Length: > 0 and <= 128 })
        {
            return TypedResults.Problem(statusCode: 401, title: "Wrong e-mail or password.");
        }

        if (await throttle.WaitAsync(request.Email, context) is { TotalSeconds: > 0 } wait)
        {
            return TooManyFailures(context, wait);
        }

        var account = await users.VerifyAsync(request.Email, request.Password);
        if (account is null)
        {
            await throttle.FailedAsync(request.Email, context);
            return TypedResults.Problem(statusCode: 401, title: "Wrong e-mail or password.");
        }

        await throttle.SucceededAsync(request.Email, context);
        return TypedResults.Ok(await IssueAsync(account, request.Cookie == true, refresh, tokens, context));
    }

    public static async Task<Results<Ok<TokenResponse>, ValidationProblem, ProblemHttpResult, NotFound>> ChangePassword(
        PasswordChange change, System.Security.Claims.ClaimsPrincipal user, UserStore users, RefreshTokenStore refresh, TokenService tokens,
        LoginThrottle throttle, RecentRevocations revocations, HttpContext context)
    {
        if (change.NewPassword is not { Length: >= 8 and <= 128 })
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["newPassword"] = ["Must be 8 to 128 characters."] });
        }

        var account = await users.FindAsync(Accounts.Caller.From(user).UserId);
        if (account is null)
        {
            return TypedResults.NotFound();
        }

        if (await throttle.WaitAsync(account.Email, context) is { TotalSeconds: > 0 } wait)
        {
            return TooManyFailures(context, wait);
        }

        if (change.CurrentPassword is not { Length: > 0 and <= 128 } || await users.VerifyIdAsync(account.Id, change.CurrentPassword) is null)
        {
            await throttle.FailedAsync(account.Email, context);
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["currentPassword"] = ["Is not your current password."] });
        }

        await throttle.SucceededAsync(account.Email, context);
        await users.SetPasswordAsync(account, change.NewPassword);
        // Every other device is signed out at once (its access token too, not only at its next refresh); this one gets new tokens.
        await refresh.RevokeAllAsync(account.Id);
        await revocations.SignOutEverywhereAsync(account.Id);
        return TypedResults.Ok(await IssueAsync(account, change.Cookie == true, refresh, tokens, context));
    }

    public static async Task<NoContent> LogoutEverywhere(System.Security.Claims.ClaimsPrincipal user, RefreshTokenStore refresh, RecentRevocations revocations, HttpContext context)
    {
        var userId = Accounts.Caller.From(user).UserId;
        await refresh.RevokeAllAsync(userId);
        await revocations.SignOutEverywhereAsync(userId); // access tokens too: a lost phone is out at once
        ClearCookies(context);
        return TypedResults.NoContent();
    }

    private static ProblemHttpResult TooManyFailures(HttpContext context, TimeSpan wait)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(statusCode: 429, title: "Too many failed sign-ins for this address.", detail: $"Try again in {seconds} s.");
    }

    public static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> Refresh(
        RefreshRequest? request, UserStore users, RefreshTokenStore refresh, TokenService tokens, HttpContext context, ILoggerFactory logs)
    {
        var (token, fromCookie, problem) = PresentedToken(request, context);
        if (problem is not null)
        {
            return problem;
        }

        var (outcome, userId, next) = await refresh.RotateAsync(token!);
        if (outcome == RefreshOutcome.Reused)
        {
            logs.CreateLogger(Telemetry.Name + ".Auth").LogWarning("Refresh token reused for user {UserId}: the login's tokens are revoked", userId);
        }

        var account = outcome == RefreshOutcome.Rotated ? await users.FindAsync(userId!) : null;
        if (account is null || next is null)
        {
            ClearCookies(context);
            // A device still signed in to an account deleted elsewhere is told so, not only to sign in again
            // (its refresh token was revoked with the account, and its record names the account).
            var deleted = userId is not null && (outcome == RefreshOutcome.Rotated ? account is null : await users.FindAsync(userId) is null);
            return deleted
                ? TypedResults.Problem(statusCode: 401, title: "This account was deleted.", detail: "The account of this sign-in was deleted, with everything in it.",
                    extensions: new Dictionary<string, object?> { ["code"] = "ACCOUNT_DELETED" })
                : TypedResults.Problem(statusCode: 401, title: "Sign in again.", detail: "The refresh token is unknown, expired, revoked or was already used.");
        }

        var (access, expires) = tokens.Issue(account);
        var csrf = fromCookie ? SetCookies(context, next) : null;
        return TypedResults.Ok(new TokenResponse(access, expires, fromCookie ? null : next, csrf, View(account)));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Logout(RefreshRequest? request, RefreshTokenStore refresh, HttpContext context)
    {
        var (token, _, problem) = PresentedToken(request, context);
        if (problem is not null)
        {
            return problem;
        }

        await refresh.RevokeFamilyAsync(token!);
        ClearCookies(context);
        return TypedResults.NoContent();
    }

    private static (string? Token, bool FromCookie, ProblemHttpResult? Problem) PresentedToken(RefreshRequest? request, HttpContext context)
    {
        if (!string.IsNullOrEmpty(request?.RefreshToken))
        {
            return (request.RefreshToken, false, null);
        }

        if (context.Request.Cookies[RefreshCookie] is not { Length: > 0 } cookie)
        {
            return (null, false, TypedResults.Problem(statusCode: 401, title: "No refresh token."));
        }

        // Double-submit: a cross-site page can make the browser send the cookie, but cannot read
        // the CSRF cookie to echo it in a header.
        var expected = context.Request.Cookies[CsrfCookie];
        var sent = context.Request.Headers[CsrfHeader].ToString();
        if (string.IsNullOrEmpty(expected) || !CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.UTF8.GetBytes(expected), System.Text.Encoding.UTF8.GetBytes(sent)))
        {
            return (null, true, TypedResults.Problem(statusCode: 403, title: "CSRF check failed.", detail: $"Send the {CsrfCookie} cookie's value in the {CsrfHeader} header."));
        }

        return (cookie, true, null);
    }

    private static async Task<TokenResponse> IssueAsync(UserAccount account, bool cookie, RefreshTokenStore refresh, TokenService tokens, HttpContext context)
    {
        var refreshToken = await refresh.IssueAsync(account.Id);
        var (access, expires) = tokens.Issue(account);
        var csrf = cookie ? SetCookies(context, refreshToken) : null;
        return new TokenResponse(access, expires, cookie ? null : refreshToken, csrf, View(account));
    }

    private static string SetCookies(HttpContext context, string refreshToken)
    {
        var lifetime = context.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value.RefreshTokenLifetime;
        context.Response.Cookies.Append(RefreshCookie, refreshToken, new CookieOptions
        {
            HttpOnly = true, Secure = true, SameSite = SameSiteMode.Strict, Path = "/api/auth", MaxAge = lifetime, IsEssential = true,
        });
        var csrf = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        context.Response.Cookies.Append(CsrfCookie, csrf, new CookieOptions
        {
            HttpOnly = false, Secure = true, SameSite = SameSiteMode.Strict, Path = "/", MaxAge = lifetime, IsEssential = true,
        });
        return csrf;
    }

    internal static void ClearCookies(HttpContext context)
    {
        context.Response.Cookies.Delete(RefreshCookie, new CookieOptions { Path = "/api/auth", Secure = true, SameSite = SameSiteMode.Strict });
        context.Response.Cookies.Delete(CsrfCookie, new CookieOptions { Path = "/", Secure = true, SameSite = SameSiteMode.Strict });
    }

    internal static AccountView View(UserAccount account) => new(account.Id, account.Email, account.Role);

    private static bool IsEmail(string? value) =>
        value is { Length: > 3 and <= 254 } && MailAddress.TryCreate(value.Trim(), out var address) && address.Address == value.Trim() && value.Contains('.');
}
