using System.Collections.Concurrent;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PokerTracker.Web.Tests;

/// <summary>One span as a service exported it.</summary>
public sealed record ExportedSpan(string Service, string TraceId, string SpanId, string ParentSpanId, string Name, int Kind, DateTimeOffset Start)
{
    public bool IsRoot => ParentSpanId.All(c => c == '0');

    public override string ToString() => $"{Service}: {Name} (kind {Kind}, trace {TraceId}{(IsRoot ? ", root" : "")})";
}

/// <summary>
/// An OpenTelemetry collector for the test run: an OTLP/HTTP endpoint that the services export
/// their traces to, as they would to the developer dashboard. Metrics and logs are accepted and
/// dropped. Spans are read straight from the protobuf wire format (opentelemetry-proto's
/// trace.proto field numbers), so no generated classes are needed.
/// </summary>
public sealed class TraceCollector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ExportedSpan> _spans = new();

    private TraceCollector(WebApplication app) => _app = app;

    public Uri Endpoint { get; private set; } = null!;

    public IReadOnlyList<ExportedSpan> Spans => [.. _spans];

    public static async Task<TraceCollector> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var collector = new TraceCollector(app);
        app.MapPost("/v1/traces", async (HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            foreach (var span in ReadRequest(body.ToArray()))
            {
                collector._spans.Enqueue(span);
            }

            return Results.Bytes([], "application/x-protobuf");
        });
        app.MapPost("/v1/{signal}", () => Results.Bytes([], "application/x-protobuf"));
        await app.StartAsync();
        collector.Endpoint = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return collector;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    // ExportTraceServiceRequest { repeated ResourceSpans resource_spans = 1; }
    private static IEnumerable<ExportedSpan> ReadRequest(byte[] payload)
    {
        var spans = new List<ExportedSpan>();
        foreach (var (field, value) in Fields(payload))
        {
            if (field == 1) ReadResourceSpans(value, spans);
        }

        return spans;
    }

    // ResourceSpans { Resource resource = 1; repeated ScopeSpans scope_spans = 2; }
    private static void ReadResourceSpans(ByteString message, List<ExportedSpan> spans)
    {
        var service = "";
        var scopes = new List<ByteString>();
        foreach (var (field, value) in Fields(message))
        {
            if (field == 1) service = ServiceName(value);
            else if (field == 2) scopes.Add(value);
        }

        // ScopeSpans { InstrumentationScope scope = 1; repeated Span spans = 2; }
        foreach (var scope in scopes)
        {
            spans.AddRange(Fields(scope).Where(f => f.Field == 2).Select(f => ReadSpan(service, f.Value)));
        }
    }

    // Resource { repeated KeyValue attributes = 1; }  KeyValue { string key = 1; AnyValue value = 2; }  AnyValue { string string_value = 1; }
    private static string ServiceName(ByteString resource)
    {
        foreach (var (_, attribute) in Fields(resource).Where(f => f.Field == 1))
        {
            var pair = Fields(attribute).ToList();
            if (pair.FirstOrDefault(f => f.Field == 1).Value?.ToStringUtf8() == "service.name")
            {
                var value = pair.First(f => f.Field == 2).Value;
                return Fields(value).First(f => f.Field == 1).Value.ToStringUtf8();
            }
        }

        return "";
    }

    // Span { bytes trace_id = 1; bytes span_id = 2; bytes parent_span_id = 4; string name = 5; SpanKind kind = 6; fixed64 start_time_unix_nano = 7; }
    private static ExportedSpan ReadSpan(string service, ByteString message)
    {
        string traceId = "", spanId = "", parent = "", name = "";
        int kind = 0;
        ulong start = 0;
        var input = new CodedInputStream(message.ToByteArray());
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1: traceId = Convert.ToHexStringLower(input.ReadBytes().Span); break;
                case 2: spanId = Convert.ToHexStringLower(input.ReadBytes().Span); break;
                case 4: parent = Convert.ToHexStringLower(input.ReadBytes().Span); break;
                case 5: name = input.ReadString(); break;
                case 6: kind = input.ReadEnum(); break;
                case 7: start = input.ReadFixed64(); break;
                default: input.SkipLastField(); break;
            }
        }

        return new ExportedSpan(service, traceId, spanId, parent, name, kind, DateTimeOffset.UnixEpoch.AddTicks((long)(start / 100)));
    }

    /// <summary>The length-delimited fields of a message (every field this reader needs is one); others are skipped.</summary>
    private static IEnumerable<(int Field, ByteString Value)> Fields(ByteString message) => Fields(message.ToByteArray());

    private static List<(int Field, ByteString Value)> Fields(byte[] message)
    {
        var fields = new List<(int, ByteString)>();
        var input = new CodedInputStream(message);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited)
            {
                fields.Add((WireFormat.GetTagFieldNumber(tag), input.ReadBytes()));
            }
            else
            {
                input.SkipLastField();
            }
        }

        return fields;
    }
}
