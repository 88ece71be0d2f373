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

        var policy = Policy(app.Environment.WebRootPath ?? "wwwroot");
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

    /// <summary>
    /// The policy for the built app in <paramref name="webRoot"/>: a hash for each inline script of
    /// index.html (SvelteKit's start-up), and for the one inline style attribute SvelteKit writes
    /// itself (its route announcer for screen readers, which the browser would otherwise refuse,
    /// leaving the announcer visible and logging a policy violation on every navigation).
    /// </summary>
    public static string Policy(string webRoot)
    {
        var indexPath = Path.Combine(webRoot, "index.html");
        var scripts = File.Exists(indexPath)
            ? InlineScript().Matches(File.ReadAllText(indexPath)).Select(m => Hash(m.Groups[1].Value))
            : [];
        var entry = Path.Combine(webRoot, "_app", "immutable", "entry");
        var styles = Directory.Exists(entry)
            ? Directory.EnumerateFiles(entry, "app.*.js").SelectMany(f => AnnouncerStyle().Matches(File.ReadAllText(f))).Select(m => Hash(m.Groups[1].Value)).Distinct().ToList()
            : [];
        var styleSource = styles.Count == 0 ? "'self'" : $"'self' 'unsafe-hashes'{string.Concat(styles)}";
        return $"default-src 'self'; script-src 'self'{string.Concat(scripts)}; style-src {styleSource}; img-src 'self' data: blob:; font-src 'self'; " +
            "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
    }

    private static string Hash(string source) => $" 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(source)))}'";

    [GeneratedRegex(@"<script>([\s\S]*?)</script>")]
    private static partial Regex InlineScript();

    [GeneratedRegex(@"id=""svelte-announcer""[^>]*?style=""([^""]*)""")]
    private static partial Regex AnnouncerStyle();
}
