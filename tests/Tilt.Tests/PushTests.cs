using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using PokerTracker.TestSupport;

namespace PokerTracker.Tilt.Tests;

/// <summary>
/// Alerts to a phone whose app is closed, up to the push service's door: a push service of the
/// test's own (the real ones are on the internet) receives the message, checks the server's VAPID
/// signature and decrypts the payload with the device's keys (RFC 8291), as a browser would.
/// </summary>
[Collection(Engines.Collection)]
public sealed class PushTests(EnginesFixture engines) : IDisposable
{
    private readonly ApiFactory _api = engines.CreateApi(("Push:AllowLoopback", "true"));

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task A_stop_loss_alert_reaches_the_subscribed_device_signed_and_encrypted_and_a_gone_device_is_forgotten()
    {
        using var worker = new TiltWorkerFactory(engines).Start();
        using var service = new FakePushService();
        using var device = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var deviceKey = PublicPoint(device);
        var auth = RandomNumberGenerator.GetBytes(16);

        using var player = _api.NewPlayer();
        var serverKey = (await player.GetAsync("/api/push/key"))["publicKey"]!.GetValue<string>();
        Assert.Equal(serverKey, (await player.GetAsync("/api/push/key"))["publicKey"]!.GetValue<string>()); // one key for every replica and restart
        using (var refused = await player.SendAsync(HttpMethod.Put, "/api/push/subscription",
                   new { endpoint = "https://169.254.169.254/latest/meta-data", keys = new { p256dh = B64(deviceKey), auth = B64(auth) } }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode); // not a push service: the server calls no address a player chooses
        }

        using (var subscribed = await player.SendAsync(HttpMethod.Put, "/api/push/subscription",
                   new { endpoint = service.Endpoint, keys = new { p256dh = B64(deviceKey), auth = B64(auth) } }))
        {
            Assert.Equal(HttpStatusCode.NoContent, subscribed.StatusCode);
        }

        using (var guards = await player.SendAsync(HttpMethod.Put, "/api/me/guards", new { stopLoss = 15_000, currency = "USD" }))
        {
            guards.EnsureSuccessStatusCode();
        }

        var id = (await player.StartCashAsync())["id"]!.GetValue<string>();
        await player.PostOkAsync($"/api/sessions/{id}/stack", new { amount = 4_000 }); // down 160.00 of a 150.00 stop-loss
        var push = await service.NextAsync(TimeSpan.FromSeconds(20));

        // Signed by the server's key for this push service's origin (RFC 8292).
        var vapid = push.Headers["Authorization"]!;
        Assert.StartsWith("vapid t=", vapid, StringComparison.Ordinal);
        var token = vapid["vapid t=".Length..vapid.IndexOf(',', StringComparison.Ordinal)];
        Assert.Equal(serverKey, vapid[(vapid.IndexOf("k=", StringComparison.Ordinal) + 2)..].Trim());
        var parts = token.Split('.');
        using (var verifier = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = Point(Unb64(serverKey)) }))
        {
            Assert.True(verifier.VerifyData(Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"), Unb64(parts[2]), HashAlgorithmName.SHA256));
        }

        var claims = JsonNode.Parse(Unb64(parts[1]))!;
        // The audience is the push service's scheme and host (the library leaves the port out; the
        // push services a subscription may name are all on https's default port, where that is the origin).
        Assert.Equal("http://127.0.0.1", claims["aud"]!.GetValue<string>());
        Assert.True(claims["exp"]!.GetValue<long>() > DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        Assert.StartsWith("mailto:", claims["sub"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("aes128gcm", push.Headers["Content-Encoding"]);
        Assert.Equal("high", push.Headers["Urgency"]);

        // Only the device can read it: the alert, as the service worker shows it.
        var notification = JsonNode.Parse(Decrypt(push.Body, device, deviceKey, auth))!;
        Assert.Equal("Limit reached", notification["title"]!.GetValue<string>());
        Assert.Equal(id, notification["sessionId"]!.GetValue<string>());
        Assert.Contains("160.00", notification["body"]!.GetValue<string>());

        // The push service says the device is gone: the next alert is not sent there, the subscription is dropped.
        service.Answer = HttpStatusCode.Gone;
        using (var tight = await player.SendAsync(HttpMethod.Put, $"/api/sessions/{id}/guards", new { maxDrawdown = 100 }))
        {
            tight.EnsureSuccessStatusCode();
        }

        await player.PostOkAsync($"/api/sessions/{id}/stack", new { amount = 9_000 });
        await player.PostOkAsync($"/api/sessions/{id}/stack", new { amount = 1_000 });
        await service.NextAsync(TimeSpan.FromSeconds(20));
        var deadline = DateTime.UtcNow.AddSeconds(10);
        using var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(engines.Redis.ConnectionString);
        while (await redis.GetDatabase().HashLengthAsync($"pt:user:{player.UserId}:push") > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "a gone device was kept");
            await Task.Delay(100);
        }
    }

    /// <summary>RFC 8291 and RFC 8188 (aes128gcm), from the user agent's side.</summary>
    private static string Decrypt(byte[] body, ECDiffieHellman device, byte[] devicePublic, byte[] auth)
    {
        var salt = body[..16];
        var recordSize = (body[16] << 24) | (body[17] << 16) | (body[18] << 8) | body[19];
        var idLength = body[20];
        var serverPublic = body[21..(21 + idLength)];
        var cipher = body[(21 + idLength)..];
        Assert.True(cipher.Length <= recordSize);

        using var server = ECDiffieHellman.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = Point(serverPublic) });
        var shared = device.DeriveRawSecretAgreement(server.PublicKey);
        var ikm = HKDF.DeriveKey(HashAlgorithmName.SHA256, shared, 32, auth, [.. "WebPush: info\0"u8, .. devicePublic, .. serverPublic]);
        var key = HKDF.DeriveKey(HashAlgorithmName.SHA256, ikm, 16, salt, [.. "Content-Encoding: aes128gcm\0"u8]);
        var nonce = HKDF.DeriveKey(HashAlgorithmName.SHA256, ikm, 12, salt, [.. "Content-Encoding: nonce\0"u8]);
        var plain = new byte[cipher.Length - 16];
        using (var aes = new AesGcm(key, 16))
        {
            aes.Decrypt(nonce, cipher[..^16], cipher[^16..], plain);
        }

        var end = Array.LastIndexOf(plain, (byte)0x02); // the last record's delimiter, then padding
        return Encoding.UTF8.GetString(plain, 0, end);
    }

    private static byte[] PublicPoint(ECDiffieHellman key)
    {
        var q = key.ExportParameters(false).Q;
        return [0x04, .. q.X!, .. q.Y!];
    }

    private static ECPoint Point(byte[] uncompressed) => new() { X = uncompressed[1..33], Y = uncompressed[33..65] };

    private static string B64(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] Unb64(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + (4 - s.Length % 4) % 4, '='));
    }

    /// <summary>A push service on 127.0.0.1: records each delivery request and answers as told.</summary>
    private sealed class FakePushService : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly System.Threading.Channels.Channel<(Dictionary<string, string?> Headers, byte[] Body)> _received =
            System.Threading.Channels.Channel.CreateUnbounded<(Dictionary<string, string?>, byte[])>();

        public FakePushService()
        {
            var port = FreePort();
            Endpoint = $"http://127.0.0.1:{port}/push/device-1";
            _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            _listener.Start();
            _ = Task.Run(ServeAsync);
        }

        public string Endpoint { get; }

        public HttpStatusCode Answer { get; set; } = HttpStatusCode.Created;

        public async Task<(Dictionary<string, string?> Headers, byte[] Body)> NextAsync(TimeSpan timeout)
        {
            using var cts = new CancellationTokenSource(timeout);
            return await _received.Reader.ReadAsync(cts.Token);
        }

        private async Task ServeAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }

                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body);
                var headers = context.Request.Headers.AllKeys.OfType<string>().ToDictionary(k => k, k => context.Request.Headers[k], StringComparer.OrdinalIgnoreCase);
                await _received.Writer.WriteAsync((headers, body.ToArray()));
                context.Response.StatusCode = (int)Answer;
                context.Response.Close();
            }
        }

        private static int FreePort()
        {
            using var socket = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
            socket.Start();
            return ((IPEndPoint)socket.LocalEndpoint).Port;
        }

        public void Dispose()
        {
            _listener.Stop();
            _listener.Close();
        }
    }
}
