using Microsoft.Playwright;

namespace PokerTracker.Web.Tests;

/// <summary>A laptop signed in to the same account follows the session the phone plays.</summary>
[Collection(SystemCollection.Name)]
public sealed class SecondDeviceTests(SystemFixture system)
{
    [Fact]
    public async Task A_laptop_follows_the_phones_live_session_to_its_cash_out()
    {
        await using var phoneContext = await system.NewContextAsync(phone: true);
        await using var laptopContext = await system.NewContextAsync(phone: false);
        var phone = await phoneContext.NewPageAsync();
        var laptop = await laptopContext.NewPageAsync();
        phone.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        var email = $"web-{Guid.NewGuid():N}@pokertracker.test";

        await phone.GotoAsync("/");
        await PlayerJourneyTests.SignUpAsync(phone, email);

        // The laptop is signed in and waits on Play.
        await PlayerJourneyTests.SignInAsync(laptop, email);
        await Assertions.Expect(laptop.GetByText("No session is running.")).ToBeVisibleAsync();

        await phone.GetByRole(AriaRole.Link, new() { Name = "Start a session" }).ClickAsync();
        await phone.GetByLabel("Venue").FillAsync("Café Royale");
        await phone.GetByLabel("Small blind").FillAsync("1");
        await phone.GetByLabel("Big blind").FillAsync("3");
        await phone.GetByLabel("Buy-in").FillAsync("300");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Start", Exact = true }).ClickAsync();
        await PlayerJourneyTests.WaitForLiveAsync(phone);

        // The session the phone started shows on the laptop's Play screen without a reload.
        await laptop.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Café Royale") }).ClickAsync(new() { Timeout = 10_000 });
        await PlayerJourneyTests.WaitForLiveAsync(laptop);
        await Assertions.Expect(laptop.Locator(".chart")).ToHaveAttributeAsync("data-points", "1"); // the buy-in

        await PlayerJourneyTests.Act(phone, "250", "Update stack");
        await PlayerJourneyTests.Act(phone, "300", "Rebuy");
        await PlayerJourneyTests.Act(phone, "640", "Update stack");
        await Assertions.Expect(laptop.Locator(".chart")).ToHaveAttributeAsync("data-points", "4", new() { Timeout = 10_000 });
        await Assertions.Expect(laptop.GetByTestId("stack")).ToHaveTextAsync("$640.00");
        await Assertions.Expect(laptop.GetByTestId("invested")).ToHaveTextAsync("$600.00");

        // The phone cashes out with less than its last stack: the laptop shows what the player left with.
        await phone.GetByLabel("Amount (USD)").FillAsync("330");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Cash out" }).ClickAsync();
        await PlayerJourneyTests.WaitForAddressAsync(phone, "/sessions/[^/?#]+$");
        await Assertions.Expect(laptop.Locator(".chart")).ToHaveAttributeAsync("data-points", "5", new() { Timeout = 10_000 });
        await Assertions.Expect(laptop.GetByTestId("stack")).ToHaveTextAsync("$330.00");
        await Assertions.Expect(laptop.GetByTestId("net")).ToHaveTextAsync("\u2212$270.00");
        await Assertions.Expect(laptop.GetByText("This session has ended.")).ToBeVisibleAsync();

        // Read again from the server, the laptop's screen is the same.
        await laptop.ReloadAsync();
        await Assertions.Expect(laptop.Locator(".chart")).ToHaveAttributeAsync("data-points", "5");
        await Assertions.Expect(laptop.GetByTestId("stack")).ToHaveTextAsync("$330.00");
    }
}
