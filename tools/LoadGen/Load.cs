using System.Diagnostics;

namespace PokerTracker.Tools.LoadGen;

public sealed record LoadResult(string Scenario, long Requests, long Errors, double Seconds, double PerSecond, double P50Ms, double P90Ms, double P99Ms);

/// <summary>Closed-loop HTTP load: N workers on keep-alive connections, each sending as soon as the previous answer came.</summary>
public static class Load
{
    /// <summary>How long the same load runs unmeasured first, so that every process has compiled its hot code to its final tier.</summary>
    public static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(8);

    public static async Task<LoadResult> RunAsync(string name, HttpClient http, int concurrency, TimeSpan duration, Func<int, long, HttpRequestMessage> make)
    {
        await MeasureAsync(name, http, concurrency, WarmUp, make);
        return await MeasureAsync(name, http, concurrency, duration, make);
    }

    public static async Task<LoadResult> MeasureAsync(string name, HttpClient http, int concurrency, TimeSpan duration, Func<int, long, HttpRequestMessage> make)
    {
        var latencies = new List<double>[concurrency];
        long errors = 0;
        var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async w =>
        {
            var mine = latencies[w] = new List<double>(100_000);
            long n = 0;
            while (Stopwatch.GetTimestamp() < until)
            {
                using var request = make(w, n++);
                var start = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await http.SendAsync(request);
                    if (!response.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref errors);
                    }
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref errors);
                }

                mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        }));
        watch.Stop();
        var all = latencies.SelectMany(l => l).ToArray();
        return Summarize(name, all, errors, watch.Elapsed.TotalSeconds);
    }

    public static LoadResult Summarize(string name, double[] latenciesMs, long errors, double seconds)
    {
        Array.Sort(latenciesMs);
        double P(double q) => latenciesMs.Length == 0 ? 0 : latenciesMs[Math.Min(latenciesMs.Length - 1, (int)(q * latenciesMs.Length))];
        return new LoadResult(name, latenciesMs.Length, errors, seconds, latenciesMs.Length / Math.Max(seconds, 1e-9), P(0.5), P(0.9), P(0.99));
    }
}
