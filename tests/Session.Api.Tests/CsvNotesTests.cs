using PokerTracker.SessionApi.Csv;

namespace PokerTracker.SessionApi.Tests;

/// <summary>A session's notes in one CSV cell, out and back in.</summary>
public sealed class CsvNotesTests
{
    [Fact]
    public void Notes_of_one_line_are_one_per_line_and_a_note_with_lines_of_its_own_comes_back_whole()
    {
        string[] simple = ["Seat 4 overbets the river with air", "Table broke, moved to 5/10"];
        Assert.Equal("Seat 4 overbets the river with air\nTable broke, moved to 5/10", CsvNotes.Join(simple));
        Assert.Equal(simple, CsvNotes.Split(CsvNotes.Join(simple)));

        string[] lined = ["Villain's stats:\r\nVPIP 45\r\n\r\nAsk him about it", "Button opens every pot"];
        var cell = CsvNotes.Join(lined);
        Assert.Equal("Villain's stats:\nVPIP 45\nAsk him about it\n\nButton opens every pot", cell);
        Assert.Equal(["Villain's stats:\nVPIP 45\nAsk him about it", "Button opens every pot"], CsvNotes.Split(cell));
        // As a spreadsheet saves the cell again (CRLF, spaces on the blank line).
        Assert.Equal(CsvNotes.Split(cell), CsvNotes.Split(cell.Replace("\n", "\r\n").Replace("\r\n\r\n", "\r\n  \r\n")));

        Assert.Empty(CsvNotes.Split(null));
        Assert.Empty(CsvNotes.Split(" \n \n"));
        Assert.Equal(["one", "two"], CsvNotes.Split("one\r\ntwo\r\n"));
    }
}
