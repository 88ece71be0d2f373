using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PokerTracker.ServiceDefaults.Health;

/// <summary>
/// Writes the documented health shape:
/// <c>{"status":"healthy","dependencies":{"redis":"connected"},"version":"1.0.0"}</c>.
/// A dependency is reported by its check's own word (the check's description) when it has one,
/// otherwise by its status; exception messages are never written (they can carry addresses).
/// </summary>
public static class HealthResponseWriter
{
    private static readonly string Version =
        Assembly.GetEntryAssembly()?.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? "0.0.0";

    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        var body = new HealthResponse(
            StatusWord(report.Status),
            report.Entries
                .OrderBy(e => e.Key, StringComparer.Ordinal)
                .ToDictionary(e => e.Key, e => DependencyWord(e.Value)),
            Version);
        return JsonSerializer.SerializeAsync(context.Response.Body, body, HealthJsonContext.Default.HealthResponse, context.RequestAborted);
    }

    public static string StatusWord(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => "healthy",
        HealthStatus.Degraded => "degraded",
        _ => "unhealthy",
    };

    private static string DependencyWord(HealthReportEntry entry) =>
        entry.Description is { Length: > 0 } word && DependencyStates.IsKnown(word)
            ? word
            : entry.Status switch
            {
                HealthStatus.Healthy => DependencyStates.Connected,
                HealthStatus.Degraded => DependencyStates.Degraded,
                _ => DependencyStates.Disconnected,
            };
}
