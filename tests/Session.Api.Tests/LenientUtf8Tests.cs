using System.Text;
using PokerTracker.SessionApi.Infrastructure;

namespace PokerTracker.SessionApi.Tests;

/// <summary>Uploaded files: UTF-8 as it is, and bytes that are not UTF-8 as the Windows encoding meant them.</summary>
public sealed class LenientUtf8Tests
{
    private static readonly Encoding Windows1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)!;

    [Theory]
    [InlineData("€0.25 Doña Württemberg")]
    [InlineData("plain ASCII, 100/200")]
    public void Text_in_either_encoding_reads_as_typed(string text)
    {
        Assert.Equal(text, LenientUtf8.Encoding.GetString(Encoding.UTF8.GetBytes(text)));
        Assert.Equal(text, LenientUtf8.Encoding.GetString(Windows1252.GetBytes(text)));
    }

    [Fact]
    public void Valid_UTF8_is_never_changed_and_a_file_mixing_both_reads_each_part_as_meant()
    {
        const string utf8 = "日本 ♠♥ 🂡 Ελλάδα";
        Assert.Equal(utf8, LenientUtf8.Encoding.GetString(Encoding.UTF8.GetBytes(utf8)));
        var mixed = Encoding.UTF8.GetBytes("Seat 1: Łukasz ").Concat(Windows1252.GetBytes("(€10 in chips)")).ToArray();
        Assert.Equal("Seat 1: Łukasz (€10 in chips)", LenientUtf8.Encoding.GetString(mixed));
    }

    [Fact]
    public void A_stream_read_in_small_pieces_reads_the_same()
    {
        const string text = "Doña (€12.50 in chips)\r\nJosé: bets €3\r\n";
        using var reader = new StreamReader(new MemoryStream(Windows1252.GetBytes(text)), LenientUtf8.Encoding, detectEncodingFromByteOrderMarks: true, bufferSize: 1);
        Assert.Equal(text, reader.ReadToEnd());
    }
}
