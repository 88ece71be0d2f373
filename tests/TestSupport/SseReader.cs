using System.Net.Http.Headers;
using System.Threading.Channels;

namespace PokerTracker.TestSupport;

public sealed record SseEvent(string Id, string Event, string Data);

/// <summary>Reads a text/event-stream in the background, event by event.</summary>
public sealed class SseReader : IAsyncDisposable
{
    private readonly Channel<SseEvent> _events = Channel.CreateUnbounded<SseEvent>();
    private readonly CancellationTokenSource _stop = new();
    private readonly HttpResponseMessage _response;
    private readonly Task _pump;

    private SseReader(HttpResponseMessage response)
    {
        _response = response;
        _pump = PumpAsync();
    }

    /// <param name="streamKey">The page's stream key (<c>X-Stream-Key</c>), as the app sends it; none when null.</param>
    public static async Task<SseReader> OpenAsync(HttpClient http, string path, string? lastEventId = null, string? streamKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (streamKey is not null)
        {
            request.Headers.Add("X-Stream-Key", streamKey);
        }

        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        return new SseReader(response);
    }

    public HttpResponseMessage Response => _response;

    /// <summary>Completes when the server ends the stream (or it is disposed).</summary>
    public Task Ended => _pump;

    public async Task<SseEvent> NextAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        return await _events.Reader.ReadAsync(cts.Token);
    }

    public async Task<List<SseEvent>> TakeAsync(int count, TimeSpan timeout)
    {
        var list = new List<SseEvent>();
        for (var i = 0; i < count; i++)
        {
            list.Add(await NextAsync(timeout));
        }

        return list;
    }

    /// <summary>Whatever arrives within <paramref name="window"/>, or before the stream ends.</summary>
    public async Task<List<SseEvent>> DrainAsync(TimeSpan window)
    {
        var list = new List<SseEvent>();
        var until = DateTime.UtcNow + window;
        while (DateTime.UtcNow < until)
        {
            try
            {
                list.Add(await NextAsync(until - DateTime.UtcNow));
            }
            catch (Exception e) when (e is OperationCanceledException or System.Threading.Channels.ChannelClosedException)
            {
                break;
            }
        }

        return list;
    }

    private async Task PumpAsync()
    {
        try
        {
            await using var stream = await _response.Content.ReadAsStreamAsync(_stop.Token);
            using var reader = new StreamReader(stream);
            string id = "", name = "message", data = "";
            while (!_stop.IsCancellationRequested && await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                if (line.Length == 0)
                {
                    if (data.Length > 0)
                    {
                        await _events.Writer.WriteAsync(new SseEvent(id, name, data));
                    }

                    (name, data) = ("message", "");
                    continue;
                }

                if (line.StartsWith("id: ", StringComparison.Ordinal)) id = line[4..];
                else if (line.StartsWith("event: ", StringComparison.Ordinal)) name = line[7..];
                else if (line.StartsWith("data: ", StringComparison.Ordinal)) data += line[6..];
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or HttpRequestException)
        {
        }
        catch (InvalidOperationException) when (_stop.IsCancellationRequested)
        {
            // The response was disposed under a read that ignored cancellation: the reader is closing anyway.
        }
        finally
        {
            _events.Writer.TryComplete();
        }
    }

    /// <summary>
    /// Stops the pump before the response goes: disposing the response first completes its pipe
    /// under a read in flight, which then throws "Reading is not allowed after reader was completed".
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _pump.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (TimeoutException)
        {
            // A read that ignores cancellation ends when the response is disposed below.
        }
        finally
        {
            _response.Dispose();
        }
    }
}
