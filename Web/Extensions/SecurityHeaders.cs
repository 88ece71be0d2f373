using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace PokerTracker.Web.Extensions;

/// <summary>
/// Browser hardening for the app's pages: no inline scripts (the app's own start-up script is
/// allowed by its hash, nothing else), no framing, no referrer leaks, HSTS outside development.
/// </summary>
internal static partial class SecurityHeaders
{
    public static IApplicationBuilder UseSecurityHeaders(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        var policy = Policy(Path.Combine(app.Environment.WebRootPath ?? "wwwroot", "index.html"));
        return app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = policy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            await next(context);
        });
    }

    /// <summary>The policy, with a hash for each inline script of the built index.html (SvelteKit's start-up).</summary>
    public static string Policy(string indexPath)
    {
        var hashes = File.Exists(indexPath)
            ? InlineScript().Matches(File.ReadAllText(indexPath))
                .Select(m => $" 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(m.Groups[1].Value)))}'")
            : [];
        return $"default-src 'self'; script-src 'self'{string.Concat(hashes)}; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; " +
            "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
    }

    [GeneratedRegex(@"<script>([\s\S]*?)</script>")]
    private static partial Regex InlineScript();
}
