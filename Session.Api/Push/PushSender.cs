using System.Net;
using System.Text.Json;
using System.Threading.Channels;
using Lib.Net.Http.WebPush;
using PokerTracker.SessionApi.Alerts;
using PokerTracker.SessionApi.Infrastructure;

namespace PokerTracker.SessionApi.Push;

/// <summary>
/// Sends each new alert to the player's subscribed devices, apart from the relay so that a slow
/// push service never holds up the live streams. The queue is bounded: past 1,000 waiting alerts
/// the oldest push is dropped (the alert itself is stored and streamed regardless). A device the
/// push service no longer knows (404/410) is forgotten.
/// </summary>
public sealed partial class PushSender(
    PushSubscriptions subscriptions, VapidKeys keys, IHttpClientFactory http, ILogger<PushSender> logger) : BackgroundService
{
    public const string HttpClientName = "push";

    private readonly Channel<(string UserId, AlertView Alert)> _queue =
        Channel.CreateBounded<(string, AlertView)>(new BoundedChannelOptions(1_000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    public void Enqueue(string userId, AlertView alert) => _queue.Writer.TryWrite((userId, alert));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var (userId, alert) in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await SendAsync(userId, alert, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, alert.Id, ex);
            }
        }
    }

    public async Task<int> SendAsync(string userId, AlertView alert, CancellationToken ct)
    {
        var devices = await subscriptions.ListAsync(userId);
        if (devices.Count == 0)
        {
            return 0;
        }

        using var authentication = await keys.AuthenticationAsync();
        var client = new PushServiceClient(http.CreateClient(HttpClientName)) { DefaultAuthentication = authentication };
        var message = new PushMessage(JsonSerializer.Serialize(Notification.From(alert), ApiJson.Options))
        {
            Urgency = PushMessageUrgency.High,
            TimeToLive = 3600, // an alert an hour late is no use at the table
            Topic = alert.SessionId.ToString("N")[..32], // a newer alert of the session replaces one not yet shown
        };
        var sent = 0;
        foreach (var device in devices)
        {
            var subscription = new PushSubscription { Endpoint = device.Endpoint };
            subscription.SetKey(PushEncryptionKeyName.P256DH, device.P256dh);
            subscription.SetKey(PushEncryptionKeyName.Auth, device.Auth);
            try
            {
                await client.RequestPushMessageDeliveryAsync(subscription, message, ct);
                sent++;
            }
            catch (PushServiceClientException ex) when (ex.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone)
            {
                await subscriptions.RemoveAsync(userId, device.Endpoint);
            }
            catch (Exception ex) when (ex is PushServiceClientException or HttpRequestException or TaskCanceledException)
            {
                LogFailed(logger, alert.Id, ex);
            }
        }

        return sent;
    }

    /// <summary>What the service worker shows (see Web/client/src/service-worker.ts, "push").</summary>
    public sealed record Notification(string Id, string Title, string Body, Guid SessionId)
    {
        public static Notification From(AlertView a) =>
            new(a.Id, a.Kind == "tilt" ? "Tilt warning" : "Limit reached", $"{string.Join("; ", a.Reasons)}. {a.Recommendation}", a.SessionId);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Push of alert {AlertId} failed")]
    private static partial void LogFailed(ILogger logger, string alertId, Exception ex);
}
