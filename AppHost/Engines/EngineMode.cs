using System.Diagnostics;

namespace PokerTracker.AppHost.Engines;

/// <summary>How the engines (Redis, Kafka, ClickHouse) run in this app host.</summary>
internal enum EngineMode
{
    /// <summary>Containers: publish mode always, run mode when a container engine answers.</summary>
    Containers,

    /// <summary>Local processes on loopback, for machines without a container engine.</summary>
    Executables,
}

internal static class EngineModeDetector
{
    /// <summary>
    /// <c>LocalEngines:Mode</c> = <c>containers</c> | <c>executables</c> | <c>auto</c> (default).
    /// Auto asks the container engine (docker, or the one named by ASPIRE_CONTAINER_RUNTIME) for
    /// its server version; a client without a running engine answers with an error at once.
    /// </summary>
    public static EngineMode Detect(IDistributedApplicationBuilder builder)
    {
        if (builder.ExecutionContext.IsPublishMode)
        {
            return EngineMode.Containers;
        }

        var configured = builder.Configuration["LocalEngines:Mode"];
        if (string.Equals(configured, "containers", StringComparison.OrdinalIgnoreCase))
        {
            return EngineMode.Containers;
        }

        if (string.Equals(configured, "executables", StringComparison.OrdinalIgnoreCase))
        {
            return EngineMode.Executables;
        }

        var runtime = builder.Configuration["ASPIRE_CONTAINER_RUNTIME"] ?? "docker";
        return ContainerEngineAnswers(runtime) ? EngineMode.Containers : EngineMode.Executables;
    }

    private static bool ContainerEngineAnswers(string runtime)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(runtime, "info --format {{.ServerVersion}}")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is null)
            {
                return false;
            }

            if (!process.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                process.Kill(entireProcessTree: true);
                return false;
            }

            return process.ExitCode == 0 && process.StandardOutput.ReadToEnd().Trim().Length > 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // no such program
        }
    }
}
