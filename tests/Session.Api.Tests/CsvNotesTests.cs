using PokerTracker.SessionApi.Csv;

namespace PokerTracker.SessionApi.Tests;

/// <summary>A session's notes in one CSV cell, out and back in.</summary>
public sealed class CsvNotesTests
{
    [Fact]
    public void Notes_of_one_line_are_one_per_line_and_notes_with_lines_of_their_own_come_back_whole()
    {
        string[] simple = ["Seat 4 overbets the river with air", "Table broke, moved to 5/10"];
        Assert.Equal("Seat 4 overbets the river with air\nTable broke, moved to 5/10", CsvNotes.Join(simple));
        Assert.Equal(simple, CsvNotes.Split(CsvNotes.Join(simple)));

        string[] lined = ["Villain's stats:\r\nVPIP 45\r\n\r\nAsk him about it", "Button opens every pot"];
        var cell = CsvNotes.Join(lined);
        Assert.Equal("Villain's stats:\nVPIP 45\n\nAsk him about it\n---\nButton opens every pot\n---", cell);
        Assert.Equal(["Villain's stats:\nVPIP 45\n\nAsk him about it", "Button opens every pot"], CsvNotes.Split(cell));
        // As a spreadsheet saves the cell again (CRLF, spaces on the blank line).
        Assert.Equal(CsvNotes.Split(cell), CsvNotes.Split(cell.Replace("\n", "\r\n").Replace("\r\n\r\n", "\r\n  \r\n")));

        Assert.Empty(CsvNotes.Split(null));
        Assert.Empty(CsvNotes.Split(" \n \n"));
        Assert.Equal(["one", "two"], CsvNotes.Split("one\r\ntwo\r\n"));
    }

    [Fact]
    public void A_single_note_of_several_lines_comes_back_as_one_note()
    {
        string[] one = ["Lost AK vs 77 all in preflop, seat 4 villain\nhe 3-bets light from the button\n\nremember: tighten up vs him"];
        Assert.Equal(one, CsvNotes.Split(CsvNotes.Join(one)));
    }

    [Fact]
    public void A_line_of_dashes_in_a_note_stays_in_it_and_cells_parted_by_blank_lines_are_still_read()
    {
        Assert.Equal(["Hand 1\n- - -\nHand 2", "Next"], CsvNotes.Split(CsvNotes.Join(["Hand 1\n---\nHand 2", "Next"])));
        Assert.Equal(["- - -"], CsvNotes.Split(CsvNotes.Join(["---"])));
        Assert.Equal(["Villain's stats:\nVPIP 45", "Button opens every pot"], CsvNotes.Split("Villain's stats:\nVPIP 45\n\nButton opens every pot"));
        // Written before, with a line of dashes in a note: read as then.
        Assert.Equal(["Hand 1\n---\nHand 2", "Next"], CsvNotes.Split("Hand 1\n---\nHand 2\n\nNext"));
        Assert.Equal(["Seat 3", "---", "Seat 5"], CsvNotes.Split("Seat 3\n---\nSeat 5"));
    }
}
