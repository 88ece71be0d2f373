using System.Text.Json;
using ClickHouse.Driver.ADO.Parameters;
using ClickHouse.Driver.Utility;
using Google.Protobuf;
using PokerTracker.Contracts;
using PokerTracker.Contracts.Hands;
using PokerTracker.SessionApi.Infrastructure;

namespace PokerTracker.SessionApi.Accounts;

/// <summary>
/// What of a player only the analytics store keeps, for the account's archive: every imported hand
/// and every graded training decision, one JSON object per line, read and written a row at a time.
/// </summary>
public sealed class AnalyticsExport(AnalyticsStore store)
{
    private static readonly JsonFormatter Hands = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(false));

    /// <summary>Every imported hand as parsed (seats, cards, actions, pots), oldest first.</summary>
    public Task<long> WriteHandsAsync(string userId, Stream output, CancellationToken ct) =>
        WriteLinesAsync($$"""
            SELECT raw FROM {{AnalyticsTables.Hands}} FINAL WHERE user_id = {user:String} ORDER BY started_at, site, hand_id
            """, userId, output, async (reader, line) =>
            {
                var hand = ImportedHand.Parser.ParseFrom(Convert.FromBase64String(reader.GetString(0)));
                await line.WriteAsync(System.Text.Encoding.UTF8.GetBytes(Hands.Format(hand)), ct);
            }, ct);

    /// <summary>Every graded decision of the push/fold trainer, oldest first.</summary>
    public Task<long> WriteTrainingAsync(string userId, Stream output, CancellationToken ct) =>
        WriteLinesAsync($$"""
            SELECT training_id, spot, hand_class, stack, ante, seat, choice, best, correct, ev_lost, ev_aggressive, ev_fold,
                   equilibrium_frequency, decided_at
            FROM {{AnalyticsTables.TrainingDecisions}} FINAL WHERE user_id = {user:String} ORDER BY decided_at, training_id, spot
            """, userId, output, async (reader, line) =>
            {
                await using var json = new Utf8JsonWriter(line);
                json.WriteStartObject();
                json.WriteString("trainingId", reader.GetGuid(0));
                json.WriteNumber("spot", Convert.ToInt32(reader.GetValue(1)));
                json.WriteString("handClass", reader.GetString(2));
                json.WriteNumber("stack", reader.GetDouble(3));
                json.WriteNumber("ante", reader.GetDouble(4));
                json.WriteString("seat", reader.GetString(5));
                json.WriteString("choice", reader.GetString(6));
                json.WriteString("best", reader.GetString(7));
                json.WriteBoolean("correct", reader.GetBoolean(8));
                json.WriteNumber("evLost", reader.GetDouble(9));
                json.WriteNumber("evAggressive", reader.GetDouble(10));
                json.WriteNumber("evFold", reader.GetDouble(11));
                json.WriteNumber("equilibriumFrequency", reader.GetDouble(12));
                json.WriteString("decidedAt", DateTime.SpecifyKind(reader.GetDateTime(13), DateTimeKind.Utc));
                json.WriteEndObject();
            }, ct);

    private async Task<long> WriteLinesAsync(
        string sql, string userId, Stream output, Func<System.Data.Common.DbDataReader, Stream, Task> write, CancellationToken ct)
    {
        var p = new ClickHouseParameterCollection();
        p.AddParameter("user", userId);
        var rows = await AnalyticsStore.Guard(async () =>
        {
            using var reader = await store.Client.ExecuteReaderAsync(sql, p, cancellationToken: ct);
            var count = 0L;
            while (await reader.ReadAsync(ct))
            {
                await write(reader, output);
                output.WriteByte((byte)'\n');
                count++;
            }

            return new List<long> { count };
        });
        return rows.Count == 0 ? 0 : rows[0]; // no tables yet (a new deployment): nothing to write
    }
}
