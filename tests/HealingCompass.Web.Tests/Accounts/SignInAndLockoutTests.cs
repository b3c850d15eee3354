using System.Net;

namespace HealingCompass.Web.Tests.Accounts;

/// <summary>
/// Sign-in and lockout through the real form, with a lockout window of its own (ten minutes; the default is 15), so
/// the test can tell the configured window from the default. Identity reads the wall clock for lockout, not the
/// app's <see cref="TimeProvider"/>, so the test ends the window by moving its stored end into the past, as the
/// clock would: it never sleeps, and a slow machine cannot make the pause end before the test has seen it.
/// </summary>
public sealed class SignInAndLockoutTests(ShortLockoutApp fixture) : IClassFixture<ShortLockoutApp>
{
    private static readonly TimeSpan LockoutFor = ShortLockoutApp.LockoutFor;

    private const string WrongDetails = "That username and password don't match an account. Please check them and try again.";
    private const string Paused = "This account is paused for a while after several unsuccessful attempts. Please try again later.";

    private readonly AccountsApp app = fixture.App;

    [Fact]
    public async Task The_right_password_signs_in_and_the_session_reaches_the_account_page()
    {
        var (first, userName, _) = await app.SignUpAsync("returns");
        first.Dispose();
        using var client = app.NewClient();

        var page = await client.SignInAsync(userName, AccountsApp.Password);

        Assert.Equal(HttpStatusCode.Found, page.Status);
        Assert.Equal("/", new Uri(new Uri("http://localhost"), page.Location).AbsolutePath);
        Assert.NotNull(page.SetCookie(AccountsApp.SessionCookie));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account")).Status);
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_username_get_the_same_answer()
    {
        var (first, userName, _) = await app.SignUpAsync("private");
        first.Dispose();
        using var client = app.NewClient();

        var wrongPassword = await client.SignInAsync(userName, "not the password at all");
        var unknownUser = await client.SignInAsync(AccountsApp.NewUserName("nobody"), "not the password at all");

        Assert.Equal(HttpStatusCode.OK, wrongPassword.Status);
        Assert.Contains(WrongDetails, wrongPassword.Text, StringComparison.Ordinal);
        Assert.Contains(WrongDetails, unknownUser.Text, StringComparison.Ordinal);
        Assert.Null(wrongPassword.SetCookie(AccountsApp.SessionCookie));
        Assert.Null(unknownUser.SetCookie(AccountsApp.SessionCookie));
    }

    [Fact]
    public async Task After_five_wrong_passwords_even_the_right_one_is_paused_until_the_lockout_ends()
    {
        var (first, userName, _) = await app.SignUpAsync("targeted");
        first.Dispose();
        using var client = app.NewClient();

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            var wrong = await client.SignInAsync(userName, $"wrong guess number {attempt}");
            Assert.Contains(WrongDetails, wrong.Text, StringComparison.Ordinal);
        }
        var beforeFifth = DateTimeOffset.UtcNow;
        var fifth = await client.SignInAsync(userName, "wrong guess number 5");
        var afterFifth = DateTimeOffset.UtcNow;
        Assert.Contains(Paused, fifth.Text, StringComparison.Ordinal);

        var right = await client.SignInAsync(userName, AccountsApp.Password);
        Assert.Equal(HttpStatusCode.OK, right.Status);
        Assert.Contains(Paused, right.Text, StringComparison.Ordinal);
        Assert.Null(right.SetCookie(AccountsApp.SessionCookie));

        var user = await app.FindUserAsync(userName);
        Assert.NotNull(user);
        Assert.NotNull(user.LockoutEnd);
        Assert.InRange(user.LockoutEnd.Value, beforeFifth + LockoutFor, afterFifth + LockoutFor); // the configured window

        var stillPaused = await client.SignInAsync(userName, AccountsApp.Password);
        Assert.Contains(Paused, stillPaused.Text, StringComparison.Ordinal);
        Assert.Null(stillPaused.SetCookie(AccountsApp.SessionCookie));

        await app.EndLockoutAsync(userName, TimeSpan.FromSeconds(1)); // the window ended a second ago

        var later = await client.SignInAsync(userName, AccountsApp.Password);
        Assert.Equal(HttpStatusCode.Found, later.Status);
        Assert.NotNull(later.SetCookie(AccountsApp.SessionCookie));
        Assert.Equal(0, (await app.FindUserAsync(userName))?.AccessFailedCount);
    }
}

/// <summary>The app with a lockout window of its own, shared by the sign-in tests.</summary>
public sealed class ShortLockoutApp : IDisposable
{
    public static readonly TimeSpan LockoutFor = TimeSpan.FromMinutes(10);

    public AccountsApp App { get; } = new(new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Accounts:LockoutFor"] = LockoutFor.ToString(),
    });

    public void Dispose() => App.Dispose();
}
