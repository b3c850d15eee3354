using System.Net;
using System.Text.RegularExpressions;
using HealingCompass.Web.Tests.Accounts;
using HealingCompass.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace HealingCompass.Web.Tests.Activity;

/// <summary>
/// The activity page and the "last signed in" line over real Kestrel and a real SQLite file: exactly the lines a
/// scripted journey caused, newest first, nothing of anyone else's, and nothing for a username that does not exist.
/// </summary>
public sealed partial class ActivityHttpTests(AccountsApp app) : IClassFixture<AccountsApp>
{
    private const string NewPassword = "a kettle hums beside the open window";
    private const string AndroidFirefox = "Mozilla/5.0 (Android 14; Mobile; rv:133.0) Gecko/133.0 Firefox/133.0";
    private const string WindowsChrome = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
    private const string IPadSafari = "Mozilla/5.0 (iPad; CPU OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1";

    [Fact]
    public async Task The_page_lists_exactly_the_journeys_events_newest_first_and_nothing_of_another_persons()
    {
        var (me, userName, _) = await app.SignUpAsync("journey", userAgent: AndroidFirefox);
        using (me)
        {
            using var laptop = app.NewClient(WindowsChrome);
            Assert.True((await laptop.SignInAsync(userName, AccountsApp.Password)).IsRedirect);
            using var someoneElse = app.NewClient(IPadSafari);
            Assert.False((await someoneElse.SignInAsync(userName, "not the password at all")).IsRedirect);
            // Another person's account, busy at the same time, with a browser none of mine uses.
            var (other, otherName, _) = await app.SignUpAsync("neighbour", userAgent: IPadSafari);
            using (other)
            {
                using var otherTry = app.NewClient(IPadSafari);
                await otherTry.SignInAsync(otherName, "also not the password");

                Assert.True((await me.SignOutAsync()).IsRedirect);
                Assert.True((await me.SignInAsync(userName, AccountsApp.Password)).IsRedirect);
                Assert.True((await me.ChangePasswordAsync(AccountsApp.Password, NewPassword)).Status is HttpStatusCode.OK or HttpStatusCode.Found);
                var export = await me.GetAsync("/journal-export");
                Assert.Equal(HttpStatusCode.OK, export.Status);

                var page = await me.GetAsync("/account/activity");

                Assert.Equal(HttpStatusCode.OK, page.Status);
                Assert.Equal(
                    ["JournalExported", "PasswordChanged", "SignedIn", "SignedOut", "SignInFailed", "SignedIn", "AccountCreated"],
                    Kinds(page));
                Assert.Contains("Journal export downloaded", page.Text, StringComparison.Ordinal);
                Assert.Contains("Firefox on Android, network 127.0.0.0/24", page.Text, StringComparison.Ordinal);
                Assert.Contains("Chrome on Windows", page.Text, StringComparison.Ordinal);
                Assert.Contains("UTC", page.Text, StringComparison.Ordinal);
                Assert.Contains("href=\"/account/sessions\"", page.Html, StringComparison.Ordinal);
                // The failed attempt on my account came from an iPad; nothing else of the iPad's is mine.
                Assert.Single(Regex.Matches(page.Text, "Safari on an iPad"));

                var theirs = await other.GetAsync("/account/activity");
                Assert.Equal(["SignInFailed", "AccountCreated"], Kinds(theirs));
                Assert.DoesNotContain("Android", theirs.Text, StringComparison.Ordinal);
                Assert.DoesNotContain("Windows", theirs.Text, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task The_welcome_back_screen_names_the_last_sign_in_and_the_failed_attempts_since()
    {
        var (me, userName, _) = await app.SignUpAsync("welcome", userAgent: WindowsChrome);
        using (me)
        {
            await me.SignOutAsync();
            using var stranger = app.NewClient(IPadSafari);
            await stranger.SignInAsync(userName, "guessing one");
            await stranger.SignInAsync(userName, "guessing two");
            using var phone = app.NewClient(AndroidFirefox);
            Assert.True((await phone.SignInAsync(userName, AccountsApp.Password)).IsRedirect);

            var home = await phone.GetAsync("/");

            Assert.Equal(HttpStatusCode.OK, home.Status);
            var line = home.TextOf("[data-last-sign-in]");
            Assert.NotNull(line);
            Assert.Matches(@"^Last signed in: \d{1,2} \w+ \d{4} at \d\d:\d\d UTC \(Chrome on Windows\), 2 failed attempts since\.", line);
            Assert.Contains("href=\"/account/activity\"", home.Html, StringComparison.Ordinal);

            // The two guesses from one browser and network, minutes apart, are one line counting both.
            var activity = await phone.GetAsync("/account/activity");
            Assert.Equal(["SignedIn", "SignInFailed", "SignedOut", "AccountCreated"], Kinds(activity));
            Assert.Contains("A sign-in that didn't succeed (wrong password or code), 2 times · from ", activity.Text, StringComparison.Ordinal);
            Assert.Contains("Safari on an iPad, network 127.0.0.0/24", activity.Text, StringComparison.Ordinal);

            // Signed out, the home page says nothing of anyone's sign-ins.
            using var anonymous = app.NewClient();
            Assert.Null((await anonymous.GetAsync("/")).TextOf("[data-last-sign-in]"));
        }
    }

    [Fact]
    public async Task After_changing_the_password_a_sign_in_elsewhere_just_before_is_still_the_one_named()
    {
        var (me, userName, _) = await app.SignUpAsync("changes", userAgent: AndroidFirefox);
        using (me)
        {
            using var elsewhere = app.NewClient(WindowsChrome);
            Assert.True((await elsewhere.SignInAsync(userName, AccountsApp.Password)).IsRedirect);

            await me.ChangePasswordAsync(AccountsApp.Password, NewPassword);
            var home = await me.GetAsync("/");

            Assert.Matches(@"^Last signed in: .+ UTC \(Chrome on Windows\), no failed attempts since\.", home.TextOf("[data-last-sign-in]"));
            Assert.True((await elsewhere.GetAsync("/account")).IsRedirect); // and that browser is signed out
        }
    }

    [Fact]
    public async Task A_failed_sign_in_for_a_username_that_does_not_exist_records_nothing()
    {
        var before = await CountRowsAsync();
        using var client = app.NewClient(IPadSafari);

        var page = await client.SignInAsync(AccountsApp.NewUserName("nobody"), "whatever they type");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("don't match an account", page.Text, StringComparison.Ordinal);
        Assert.Equal(before, await CountRowsAsync());
    }

    [Fact]
    public async Task The_page_needs_a_sign_in()
    {
        using var anonymous = app.NewClient();

        var page = await anonymous.GetAsync("/account/activity");

        Assert.True(page.IsRedirect, page.ToString());
        Assert.StartsWith("/account/login", new Uri(new Uri("https://x"), page.Location).AbsolutePath, StringComparison.Ordinal);
    }

    private async Task<int> CountRowsAsync()
    {
        await using var db = await app.Contexts.CreateDbContextAsync(TestContext.Current.CancellationToken);
        return await db.Activity.CountAsync(TestContext.Current.CancellationToken);
    }

    private static string[] Kinds(PageResponse page) =>
        [.. KindAttribute().Matches(page.Html).Select(m => m.Groups[1].Value)];

    [GeneratedRegex("data-activity-kind=\"([A-Za-z]+)\"")]
    private static partial Regex KindAttribute();
}
