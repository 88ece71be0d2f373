using System.Security.Claims;

namespace PokerTracker.SessionApi.Accounts;

/// <summary>Who is asking: the authenticated player, with their role.</summary>
public sealed record Caller(string UserId, string Role)
{
    public bool IsPremium => Role is Roles.Premium or Roles.Admin;

    public static Caller From(ClaimsPrincipal user) =>
        new(user.FindFirstValue("sub") ?? throw new InvalidOperationException("The token names no subject."),
            user.FindFirstValue("role") ?? Roles.Free);
}

public static class Roles
{
    public const string Free = "free";
    public const string Premium = "premium";
    public const string Admin = "admin";
}
