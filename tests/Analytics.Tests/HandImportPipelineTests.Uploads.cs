using System.IO.Compression;
using System.Net;
using System.Text.Json.Nodes;

namespace PokerTracker.Analytics.Tests;

/// <summary>Uploads with a bad file among good ones: each file is reported on its own, and the others are imported.</summary>
public sealed partial class HandImportPipelineTests
{
    [Fact]
    public async Task A_slow_upload_holds_no_reading_slot_for_others_and_keeps_its_player_to_one_import()
    {
        using var api = engines.CreateApi(("Hands:ConcurrentImports", "1"));
        using var slow = api.NewPlayer();
        using var quick = api.NewPlayer();
        var trickle = new HalfThenWait(File.ReadAllBytes(Hands("worked-examples.txt")));
        // The server's own client: the factory's default one buffers a request's body before sending it (to replay it on a redirect).
        using var streaming = api.Server.CreateClient();
        streaming.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", slow.AccessToken);
        var arriving = streaming.PostAsync("/api/hands/import", new StreamContent(trickle));
        await trickle.HalfSent.WaitAsync(TimeSpan.FromSeconds(30));
        using var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(engines.Redis.ConnectionString);
        var mark = $"pt:user:{slow.UserId}:importing";
        for (var waited = 0; !await redis.GetDatabase().KeyExistsAsync(mark); waited++)
        {
            Assert.True(waited < 100, "The upload's import did not start within 10 s.");
            await Task.Delay(100);
        }

        // The one reading slot is free while the upload trickles in: another player's file is read at once.
        Assert.Equal(("done", 8, 8, 0, 0), Counts(await ImportAsync(quick, File.ReadAllBytes(Hands("push-fold-spots.txt")), "text/plain")));
        using (var second = await slow.Http.PostAsync("/api/hands/import", new ByteArrayContent(File.ReadAllBytes(Hands("push-fold-spots.txt")))))
        {
            Assert.Equal(HttpStatusCode.Conflict, second.StatusCode); // one import at a time for the player whose upload is arriving
        }

        trickle.Release();
        using var response = await arriving;
        Assert.Equal(("done", 4, 4, 0, 0), Counts(JsonNode.Parse(await response.Content.ReadAsStringAsync())!));
    }

    [Fact]
    public async Task A_hand_too_large_to_be_one_is_refused_and_the_file_s_other_hands_are_imported()
    {
        // A table named with 100,000 characters: it would make one batch larger than the broker takes, and block the outbox.
        using var player = _api.NewPlayer();
        var oneLine = File.ReadAllLines(Hands("worked-examples.ohh")).Single(l => l.StartsWith("{\"ohh\"", StringComparison.Ordinal));
        var huge = oneLine.Replace("\"table_name\":\"Kleio\"", $"\"table_name\":\"{new string('K', 100_000)}\"", StringComparison.Ordinal);
        Assert.NotEqual(oneLine, huge);
        var report = await ImportAsync(player, System.Text.Encoding.UTF8.GetBytes(huge + "\n" + oneLine), "text/plain");
        Assert.Equal(("done", 2, 1, 0, 1), Counts(report));
        Assert.Contains("name has 100,000 characters", report.ToJsonString(), StringComparison.Ordinal);
    }

    /// <summary>An upload that sends half of its bytes, then waits to be released: a phone on a slow line.</summary>
    private sealed class HalfThenWait(byte[] bytes) : Stream
    {
        private readonly TaskCompletionSource _half = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _at;

        public Task HalfSent => _half.Task;

        public void Release() => _released.TrySetResult();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var half = bytes.Length / 2;
            if (_at == half)
            {
                _half.TrySetResult();
                await _released.Task.WaitAsync(cancellationToken);
            }

            var n = Math.Min(buffer.Length, (_at < half ? half : bytes.Length) - _at);
            bytes.AsMemory(_at, n).CopyTo(buffer);
            _at += n;
            return n;
        }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _at; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    [Fact]
    public async Task A_damaged_zip_an_empty_file_and_a_zip_inside_a_zip_are_each_named_and_the_files_after_them_are_still_imported()
    {
        using var player = _api.NewPlayer();
        var whole = Zip(("hands/a.txt", File.ReadAllBytes(Hands("worked-examples.txt"))), ("hands/b.txt", File.ReadAllBytes(Hands("push-fold-spots.txt"))));
        var cut = whole[..(whole.Length / 2)]; // a download that broke off: the zip's directory is missing
        var outer = Zip(("inner.zip", whole), ("worked-examples.txt", File.ReadAllBytes(Hands("worked-examples.txt"))));

        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(cut), "files", "cut.zip" },
            { new ByteArrayContent(File.ReadAllBytes(Hands("push-fold-spots.txt"))), "files", "spots.txt" },
            { new ByteArrayContent([]), "files", "empty.txt" },
            { new ByteArrayContent(outer), "files", "outer.zip" },
        };
        using var response = await player.Http.PostAsync("/api/hands/import", form);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var report = JsonNode.Parse(text)!;
        var files = report["files"]!.AsArray().ToDictionary(f => f!["name"]!.GetValue<string>(), f => f!);
        Assert.Equal(["cut.zip", "empty.txt", "outer.zip/inner.zip", "outer.zip/worked-examples.txt", "spots.txt"], files.Keys.Order(StringComparer.Ordinal));
        Assert.StartsWith("The zip cannot be read", files["cut.zip"]["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("The file is empty.", files["empty.txt"]["error"]!.GetValue<string>());
        Assert.Contains("zip inside a zip", files["outer.zip/inner.zip"]["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(8, files["spots.txt"]["imported"]!.GetValue<int>());
        Assert.Equal(4, files["outer.zip/worked-examples.txt"]["imported"]!.GetValue<int>());
        Assert.Equal(("done", 12, 12, 0, 0), Counts(report));
        await WaitForHandsAsync(player, 12);

        // Alone, the damaged zip is a 422 that names it and says why.
        using var alone = new MultipartFormDataContent { { new ByteArrayContent(cut), "files", "cut.zip" } };
        using var refused = await player.Http.PostAsync("/api/hands/import", alone);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var problem = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!;
        Assert.StartsWith("The zip cannot be read", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("cut.zip", problem["report"]!["files"]![0]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_file_whose_only_hand_is_refused_says_so_rather_than_that_it_is_no_hand_history()
    {
        using var player = _api.NewPlayer();
        var hand = Walk(290_000_000_001, new DateTime(2024, 3, 2, 15, 15, 4)).Replace("Total pot", "Total pat", StringComparison.Ordinal);
        using var response = await player.Http.PostAsync("/api/hands/import?name=one.txt", new StringContent(hand));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.StartsWith("Its one hand was refused", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("PokerStars", problem["report"]!["files"]![0]!["format"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_damaged_file_of_a_zip_is_named_and_none_of_its_hands_kept_even_when_it_still_unpacks()
    {
        using var player = _api.NewPlayer();
        var zip = Zip(
            ("bent.txt", CompressionLevel.Optimal, File.ReadAllBytes(Hands("push-fold-spots.txt"))),
            ("altered.txt", CompressionLevel.NoCompression, File.ReadAllBytes(Hands("worked-examples.txt"))),
            ("good.txt", CompressionLevel.Optimal, File.ReadAllBytes(Hands("worked-examples.txt"))));
        // In transit, four bytes in the middle of the first file's compressed data changed...
        var size = BitConverter.ToInt32(zip, 18);
        for (var i = 0; i < 4; i++) zip[30 + "bent.txt".Length + size / 2 + i] ^= 0x5A;
        // ... and one byte of the second's stored text: it still unpacks, to a hand that was never played.
        var second = zip.AsSpan().IndexOf("altered.txt"u8);
        zip[second + zip.AsSpan(second).IndexOf("Hold'em"u8)] = (byte)'h';

        using var form = new MultipartFormDataContent { { new ByteArrayContent(zip), "files", "damaged.zip" } };
        using var response = await player.Http.PostAsync("/api/hands/import", form);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var report = JsonNode.Parse(text)!;
        var files = report["files"]!.AsArray().ToDictionary(f => f!["name"]!.GetValue<string>(), f => f!);
        Assert.StartsWith("This file of the zip is damaged", files["damaged.zip/bent.txt"]["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("checksum (CRC-32) does not match", files["damaged.zip/altered.txt"]["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.All(new[] { "bent.txt", "altered.txt" }, name =>
        {
            Assert.Contains("None of its hands are imported", files[$"damaged.zip/{name}"]["error"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Equal(0, files[$"damaged.zip/{name}"]["imported"]!.GetValue<int>());
        });
        Assert.Equal(4, files["damaged.zip/good.txt"]["imported"]!.GetValue<int>());
        Assert.Equal(("done", 4, 4, 0, 0), Counts(report));
        await WaitForHandsAsync(player, 4);
    }

    [Fact]
    public async Task The_zips_of_one_upload_share_one_unpack_budget()
    {
        using var api = engines.CreateApi(("Hands:MaxUploadBytes", "100000")); // an upload's zips may unpack to 1,000,000 bytes
        using var player = api.NewPlayer();
        var hands = File.ReadAllBytes(Hands("worked-examples.txt"));
        var day = Enumerable.Repeat(hands, (400_000 / hands.Length) + 1).SelectMany(b => b).ToArray(); // each zip alone is well within it
        using var form = new MultipartFormDataContent();
        for (var i = 1; i <= 4; i++)
        {
            form.Add(new ByteArrayContent(Zip(($"day{i}.txt", day))), "files", $"day{i}.zip");
        }

        using var response = await player.Http.PostAsync("/api/hands/import", form);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var report = JsonNode.Parse(text)!;
        Assert.Equal("stopped", report["status"]!.GetValue<string>());
        Assert.Contains("expands to more than", report["stoppedBecause"]!.GetValue<string>(), StringComparison.Ordinal);
        var files = report["files"]!.AsArray().Select(f => (f!["name"]!.GetValue<string>(), f["error"]?.GetValue<string>())).ToList();
        Assert.Equal([("day1.zip/day1.txt", null), ("day2.zip/day2.txt", null)], files[..2]);
        Assert.Equal(3, files.Count); // the third zip ran out of the budget; the fourth was not opened
        Assert.Contains("expands to more than", files[2].Item2, StringComparison.Ordinal);
    }

    private static byte[] Zip(params (string Name, byte[] Content)[] entries) => Zip(entries.Select(e => (e.Name, CompressionLevel.Optimal, e.Content)).ToArray());

    private static byte[] Zip(params (string Name, CompressionLevel Level, byte[] Content)[] entries)
    {
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, level, content) in entries)
            {
                using var entry = archive.CreateEntry(name, level).Open();
                entry.Write(content);
            }
        }

        return zip.ToArray();
    }

    [Fact]
    public async Task A_form_cut_off_or_not_a_form_at_all_is_a_400_and_the_whole_hands_before_the_cut_are_imported()
    {
        using var player = _api.NewPlayer();
        async Task<(HttpStatusCode Status, string Body)> Send(byte[] body, Guid? id = null)
        {
            var content = new ByteArrayContent(body);
            content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=BB");
            using var response = await player.Http.PostAsync("/api/hands/import" + (id is { } i ? $"?id={i}" : ""), content);
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        foreach (var broken in new[] { ""u8.ToArray(), "hello world"u8.ToArray(), "--BB\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.txt\"\r\n\r\nPokerStars Hand #1"u8.ToArray() })
        {
            var (status, body) = await Send(broken);
            Assert.True(status == HttpStatusCode.BadRequest, body);
            Assert.Contains("not a complete multipart form", body, StringComparison.Ordinal);
        }

        // Twelve hands in a form whose closing boundary never comes, the last one cut in the middle.
        var hands = string.Join("\n\n\n", Enumerable.Range(0, 12).Select(i => Walk(292000000000 + i, new DateTime(2024, 7, 1, 12, 0, 0).AddMinutes(i))));
        var form = System.Text.Encoding.UTF8.GetBytes("--BB\r\nContent-Disposition: form-data; name=\"files\"; filename=\"hh.txt\"\r\nContent-Type: text/plain\r\n\r\n" + hands);
        var id = Guid.NewGuid();
        var (cutStatus, cutBody) = await Send(form[..(form.Length - 40)], id);
        Assert.True(cutStatus == HttpStatusCode.BadRequest, cutBody);
        Assert.Contains("11 new ones imported", cutBody, StringComparison.Ordinal);
        var report = await player.GetNodeAsync($"/api/hands/imports/{id}");
        Assert.Equal(("stopped", 11), (report["status"]!.GetValue<string>(), report["imported"]!.GetValue<int>()));
        Assert.Equal(("done", 12, 1, 11, 0), Counts(await ImportAsync(player, System.Text.Encoding.UTF8.GetBytes(hands), "text/plain")));
    }
}
