using System.IO.Compression;
using Microsoft.Playwright;

namespace PokerTracker.Web.Tests;

/// <summary>The account screen as a player uses it: a new password, the whole record in one archive, and leaving for good.</summary>
[Collection(SystemCollection.Name)]
public sealed class AccountTests(SystemFixture system)
{
    [Fact]
    public async Task A_player_changes_the_password_exports_everything_and_deletes_the_account()
    {
        await using var context = await system.NewContextAsync(phone: true);
        var page = await context.NewPageAsync();
        var email = $"account-{Guid.NewGuid():N}@pokertracker.test";
        await page.GotoAsync("/");
        await PlayerJourneyTests.SignUpAsync(page, email);
        await page.GetByRole(AriaRole.Link, new() { Name = "Start a session" }).ClickAsync();
        await page.GetByLabel("Venue").FillAsync("Borgata");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start", Exact = true }).ClickAsync();
        await PlayerJourneyTests.WaitForLiveAsync(page);
        await page.GetByLabel("Hand note").FillAsync("Folded KK preflop, never again");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add note" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("pending")).ToHaveCountAsync(0, new() { Timeout = 10_000 });

        await page.GetByRole(AriaRole.Link, new() { Name = "Settings" }).ClickAsync();
        await page.GetByLabel("Current password").FillAsync("correct horse battery");
        await page.GetByLabel("New password").FillAsync("battery staple horse");
        await page.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Password changed" })).ToBeVisibleAsync();

        // Signed out everywhere (this device too), back in with the new password.
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out everywhere" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync("battery staple horse");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Play" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Settings" }).ClickAsync();

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Export everything (zip)" }).ClickAsync());
        var path = Path.Combine(system.Screenshots, "..", $"export-{Guid.NewGuid():N}.zip");
        await download.SaveAsAsync(path);
        using (var zip = ZipFile.OpenRead(path))
        {
            using var reader = new StreamReader(zip.GetEntry("sessions.json")!.Open());
            var json = await reader.ReadToEndAsync();
            Assert.Contains("Borgata", json, StringComparison.Ordinal);
            Assert.Contains("Folded KK preflop, never again", json, StringComparison.Ordinal);
        }

        File.Delete(path);
        await Screens.CheckAsync(page, system, "settings-account");

        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await page.GetByLabel("Password, to delete the account").FillAsync("correct horse battery"); // the old one
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete my account" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("password is wrong");
        await page.GetByLabel("Password, to delete the account").FillAsync("battery staple horse");
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete my account" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();

        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync("battery staple horse");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Play" })).ToHaveCountAsync(0);
    }
}
