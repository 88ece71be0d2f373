namespace PokerTracker.Tools.LoadGen;

/// <summary>
/// 1,000 open SSE streams (10 per player) and a steady rate of posts: time from POST to delivery. The
/// first <see cref="Load.WarmUp"/> of posts at the same rate is not measured (as for ingest): the
/// streams' code paths get compiled to their final tier first, so the figures are the steady state.
/// </summary>
public static class Live
{
    /// <returns>
    /// POST → delivery on the streams; the same posts' own answers (the command path alone); and from the
    /// moment the server recorded each event to its arrival on a stream (the fan-out): where the time goes.
    /// </returns>
    public static async Task<(LoadResult Deliveries, LoadResult Answers, LoadResult FanOut)> RunAsync(HttpClient http, int streams, int eventsPerSecond, TimeSpan duration)
    {
        const int perPlayer = 10;
        var players = new List<(string Token, string Session)>();
        for (var i = 0; i < streams / perPlayer; i++)
        {
            var token = await Players.RegisterAsync(http, $"live-{i}-{Guid.NewGuid():N}@pokertracker.test");
            players.Add((token, await Players.StartAsync(http, token)));
        }

        var deliveries = new Deliveries();
        var answers = new ConcurrentQueue<double>();
        var fanOut = new ConcurrentQueue<double>(); // from the moment the server recorded the event (its clock is this machine's) to its arrival
        var measuredFrom = long.MaxValue; // events recorded from then on (Unix ms) are measured
        using var stop = new CancellationTokenSource();
        var readers = new List<Task>();
        var connected = 0;
        foreach (var (token, _) in players)
        {
            for (var s = 0; s < perPlayer; s++)
            {
                readers.Add(Task.Run(async () =>
                {
                    using var request = new HttpRequestMessage(HttpMethod.Get, "/api/me/events");
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                    using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, stop.Token);
                    Interlocked.Increment(ref connected);
                    using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(stop.Token));
                    try
                    {
                        while (await reader.ReadLineAsync(stop.Token) is { } line)
                        {
                            if (line.StartsWith("data: ", StringComparison.Ordinal) && Deliveries.Key(line) is { } key)
                            {
                                deliveries.Arrived(key, Stopwatch.GetTimestamp());
                                if (Deliveries.RecordedAt(line) is { } recorded && recorded.ToUnixTimeMilliseconds() >= Volatile.Read(ref measuredFrom))
                                {
                                    fanOut.Enqueue((DateTimeOffset.UtcNow - recorded).TotalMilliseconds);
                                }
                            }
                        }
                    }
                    catch (OperationCanceledException)
                    {
                    }
                }));
            }
        }

        while (connected < streams)
        {
            await Task.Delay(50);
        }

        var interval = TimeSpan.FromSeconds(1.0 / eventsPerSecond);
        var warmUp = Load.WarmUp;
        var watch = Stopwatch.StartNew();
        var posts = new List<Task>();
        long errors = 0, n = 0;
        while (watch.Elapsed < warmUp + duration)
        {
            var (token, session) = players[(int)(n % players.Count)];
            var amount = 20_000 + n++;
            var measured = watch.Elapsed >= warmUp;
            if (measured && measuredFrom == long.MaxValue)
            {
                Volatile.Write(ref measuredFrom, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            }

            posts.Add(Task.Run(async () =>
            {
                var at = Stopwatch.GetTimestamp();
                try
                {
                    var result = await Players.PostAsync(http, token, $"/api/sessions/{session}/stack", new { amount, at = DateTimeOffset.UtcNow });
                    var key = $"{session}:{result["version"]}";
                    if (measured)
                    {
                        answers.Enqueue(Stopwatch.GetElapsedTime(at).TotalMilliseconds);
                        deliveries.Sent(key, at);
                    }
                    else
                    {
                        deliveries.Ignore(key);
                    }
                }
                catch (HttpRequestException)
                {
                    if (measured)
                    {
                        Interlocked.Increment(ref errors);
                    }
                }
            }));
            var wait = TimeSpan.FromTicks(interval.Ticks * n) - watch.Elapsed; // read once: a second reading can be later than the check
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }
        }

        var seconds = (watch.Elapsed - warmUp).TotalSeconds;
        await Task.WhenAll(posts);
        await Task.Delay(1_000);
        await stop.CancelAsync();
        await Task.WhenAll(readers.Select(r => r.ContinueWith(_ => { }, TaskScheduler.Default)));
        return (Load.Summarize($"live: POST → SSE ({streams} streams, {eventsPerSecond}/s)", deliveries.Latencies(), errors, seconds),
            Load.Summarize("live: the same POSTs answered", [.. answers], errors, seconds),
            Load.Summarize("live: event recorded → on a stream", [.. fanOut], errors, seconds));
    }

    /// <summary>
    /// Pairs each delivery with its post. A delivery can come before the post's answer (the stream is
    /// faster than the response): it waits here for the post's start time instead of going uncounted.
    /// </summary>
    private sealed class Deliveries
    {
        private readonly Lock _gate = new();
        private readonly Dictionary<string, long> _sent = [];
        private readonly Dictionary<string, List<long>> _early = [];
        private readonly HashSet<string> _ignored = [];
        private readonly List<double> _latencies = [];

        /// <summary>"session:sequence" of a stack update's data line (alerts on the same stream are not deliveries of a post), read without parsing the whole JSON (the generator shares the cores it measures).</summary>
        public static string? Key(string line)
        {
            var session = line.IndexOf("\"sessionId\":\"", StringComparison.Ordinal);
            var sequence = line.IndexOf("\"sequence\":", StringComparison.Ordinal);
            if (session < 0 || sequence < 0 || !line.Contains("\"type\":\"StackUpdated\"", StringComparison.Ordinal))
            {
                return null;
            }

            var from = sequence + 11;
            var to = from;
            while (to < line.Length && char.IsAsciiDigit(line[to]))
            {
                to++;
            }

            return string.Concat(line.AsSpan(session + 13, 36), ":", line.AsSpan(from, to - from));
        }

        /// <summary>When the server recorded the event of a data line ("recordedAt").</summary>
        public static DateTimeOffset? RecordedAt(string line)
        {
            const string name = "\"recordedAt\":\"";
            var from = line.IndexOf(name, StringComparison.Ordinal);
            var to = from < 0 ? -1 : line.IndexOf('"', from + name.Length);
            return to > 0 && DateTimeOffset.TryParse(line.AsSpan(from + name.Length, to - from - name.Length), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var at) ? at : null;
        }

        public void Arrived(string key, long now)
        {
            lock (_gate)
            {
                if (_ignored.Contains(key))
                {
                    return;
                }

                if (_sent.TryGetValue(key, out var at))
                {
                    _latencies.Add(Stopwatch.GetElapsedTime(at, now).TotalMilliseconds);
                }
                else if (_early.TryGetValue(key, out var list))
                {
                    list.Add(now);
                }
                else
                {
                    _early[key] = [now];
                }
            }
        }

        /// <summary>A warm-up post: its deliveries are not measured.</summary>
        public void Ignore(string key)
        {
            lock (_gate)
            {
                _ignored.Add(key);
                _early.Remove(key);
            }
        }

        public void Sent(string key, long at)
        {
            lock (_gate)
            {
                _sent[key] = at;
                if (_early.Remove(key, out var arrivals))
                {
                    _latencies.AddRange(arrivals.Select(t => Stopwatch.GetElapsedTime(at, t).TotalMilliseconds));
                }
            }
        }

        public double[] Latencies()
        {
            lock (_gate)
            {
                return [.. _latencies];
            }
        }
    }
}
