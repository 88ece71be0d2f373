using Microsoft.Extensions.Configuration;

namespace PokerTracker.Clients;

public static class ConfigurationExtensions
{
    /// <summary>The named connection string, or a start-up error that says how to provide it.</summary>
    public static string RequiredConnectionString(this IConfiguration configuration, string name)
    {
        var value = configuration.GetConnectionString(name);
        return string.IsNullOrWhiteSpace(value)
            ? throw new InvalidOperationException($"Connection string '{name}' is missing: set ConnectionStrings__{name}.")
            : value;
    }
}
