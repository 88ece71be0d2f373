namespace PokerTracker.Tools.LoadGen;

/// <summary>A service run from its Release build as its own process.</summary>
public sealed class Service : IAsyncDisposable
{
    private Service(LocalProcess process) => Process = process;

    public LocalProcess Process { get; }

    public string Url => Process.ReadyValue.Replace("0.0.0.0", "127.0.0.1");

    /// <param name="directory">Where its build is: the Release build by default, or a published one.</param>
    public static async Task<Service> StartAsync(string project, IReadOnlyDictionary<string, string> env, string? directory = null)
    {
        directory ??= Path.Combine(RepoPaths.Root, project, "bin", RepoPaths.Configuration, "net10.0");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(directory, project + ".dll"), "--urls", "http://127.0.0.1:0" },
        };
        foreach (var (key, value) in env)
        {
            start.Environment[key] = value;
        }

        start.Environment["Analytics__ConsumerGroup"] = "bench-analytics";
        start.Environment["Tilt__ConsumerGroup"] = "bench-tilt";
        return new Service(await LocalProcess.StartAsync(start, "Now listening on:", TimeSpan.FromSeconds(90)));
    }

    public ValueTask DisposeAsync() => Process.DisposeAsync();
}
