using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PokerTracker.AppHost.Engines;

/// <summary>Health of a local engine seen from outside: its port accepts, and optionally answers a ping.</summary>
internal static class TcpProbe
{
    public static async Task<HealthCheckResult> CheckAsync(EndpointReference endpoint, string? ping, string? expect, CancellationToken ct)
    {
        if (!endpoint.IsAllocated)
        {
            return HealthCheckResult.Unhealthy("port not allocated yet");
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, endpoint.Port), timeout.Token);
            if (ping is null || expect is null)
            {
                return HealthCheckResult.Healthy();
            }

            await socket.SendAsync(Encoding.ASCII.GetBytes(ping), SocketFlags.None, timeout.Token);
            var buffer = new byte[256];
            var read = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
            var answer = Encoding.ASCII.GetString(buffer, 0, read);
            return answer.StartsWith(expect, StringComparison.Ordinal)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"unexpected answer '{answer.Trim()}'");
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy(ex.Message);
        }
    }
}
