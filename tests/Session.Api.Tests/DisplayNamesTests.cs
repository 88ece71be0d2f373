using PokerTracker.SessionApi.Training;

namespace PokerTracker.SessionApi.Tests;

/// <summary>Leaderboard names are public: none poses as the app's staff or insults the players who read it.</summary>
public sealed class DisplayNamesTests
{
    [Theory]
    [InlineData("admin")]
    [InlineData("The Admin")]
    [InlineData("4dm1n")]
    [InlineData("PokerTracker Support")]
    [InlineData("poker.tracker")]
    [InlineData("\u0410dmin")] // a Cyrillic А
    [InlineData("Admin1")]
    [InlineData("TheAdmin")]
    [InlineData("Admins")]
    [InlineData("Mod Team")]
    [InlineData("SUPPORT_2")]
    [InlineData("theadmin")]
    [InlineData("iamadmin")]
    [InlineData("adminbob")]
    public void Names_posing_as_the_app_or_its_staff_are_refused(string name) =>
        Assert.Contains("kept for the app", DisplayNames.Refusal(name));

    [Theory]
    [InlineData("fuck you")]
    [InlineData("FuckYou")]
    [InlineData("sh1thead")]
    [InlineData("dickhead99")]
    [InlineData("Holy Shit")]
    [InlineData("motherfucker99")]
    [InlineData("\uFF46\uFF55\uFF43\uFF4B")] // full-width letters
    public void Swear_words_and_slurs_are_refused(string name) =>
        Assert.Contains("without swear words", DisplayNames.Refusal(name));

    [Theory]
    [InlineData("Ace Hunter")]
    [InlineData("Scunthorpe Pete")]
    [InlineData("Dickens")]
    [InlineData("Passion Fruit")]
    [InlineData("Class Act")]
    [InlineData("Badminton 88")]
    [InlineData("Cocktail")]
    [InlineData("Dick Van Dyke")]
    [InlineData("Shitake Sam")]
    [InlineData("Modern Mike")]
    [InlineData("McAdams")]
    public void Ordinary_names_are_kept(string name) => Assert.Null(DisplayNames.Refusal(name));

    [Theory]
    [InlineData("AceHigh")]
    [InlineData("ace_high")]
    [InlineData("Ace.High")]
    [InlineData("Ace  -  High")]
    public void Spaces_and_separators_do_not_make_another_name(string name) =>
        Assert.Equal(DisplayNames.Compared("Ace High"), DisplayNames.Compared(name));

    [Theory]
    [InlineData("Bob the Shover", "B0b the Shover")]
    [InlineData("Alice K", "A1ice K")]
    [InlineData("Alice K", "AIice K")]
    [InlineData("Ace High", "4ce H1gh")]
    public void Digits_and_a_capital_I_standing_in_for_letters_do_not_make_another_name(string held, string name) =>
        Assert.Equal(DisplayNames.Compared(held), DisplayNames.Compared(name));

    [Theory]
    [InlineData("Bob", "Rob")]
    [InlineData("Alice K", "Alice J")]
    [InlineData("Player 1", "Player 2")]
    public void Names_a_reader_tells_apart_stay_apart(string one, string other) =>
        Assert.NotEqual(DisplayNames.Compared(one), DisplayNames.Compared(other));
}
