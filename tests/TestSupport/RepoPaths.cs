using System.Reflection;

namespace PokerTracker.TestSupport;

/// <summary>Where things are in this checkout, wherever the tests run from.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The build configuration the tests were built in (the tools are built the same way).</summary>
    public static string Configuration { get; } =
        typeof(RepoPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "PokerTracker.BuildConfiguration")?.Value ?? "Debug";

    public static string ToolAssembly(string name) =>
        Path.Combine(Root, "tools", name, "bin", Configuration, "net10.0", name + ".dll");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PokerTracker.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("PokerTracker.sln not found above " + AppContext.BaseDirectory);
    }
}
