using System.Net;
using HealingCompass.Web.Tests.Support;

namespace HealingCompass.Web.Tests.Accounts;

/// <summary>The sign-up form, posted over HTTP to the real app with a real SQLite file.</summary>
public sealed class SignUpTests(AccountsApp app) : IClassFixture<AccountsApp>
{
    private const string CommonPasswordMessage =
        "That password is one of the most common, so it would be easy to guess. A longer phrase of a few unrelated words works well.";

    [Fact]
    public async Task Signing_up_with_password1234_is_refused_with_the_common_password_message_and_creates_no_account()
    {
        using var client = app.NewClient();
        var userName = AccountsApp.NewUserName("common");

        var page = await client.RegisterAsync(userName, "password1234");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains(CommonPasswordMessage, page.Text, StringComparison.Ordinal);
        Assert.Null(page.TextOf(".hc-recovery-key"));
        Assert.Null(page.SetCookie(AccountsApp.SessionCookie));
        Assert.Null(await app.FindUserAsync(userName));
    }

    [Fact]
    public async Task Signing_up_with_a_good_passphrase_shows_a_recovery_key_once_and_starts_a_strict_http_only_session()
    {
        using var client = app.NewClient();
        var userName = AccountsApp.NewUserName("newcomer");

        var page = await client.RegisterAsync(userName, AccountsApp.Password);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Your recovery key", page.Text, StringComparison.Ordinal);
        var recoveryKey = page.TextOf(".hc-recovery-key");
        Assert.NotNull(recoveryKey);
        Assert.Matches(AccountFormClient.RecoveryKeyFormat(), recoveryKey);
        AccountPagesTests.AssertPrivacyHeaders(page); // the page with the key is never stored, so Back cannot show it

        var cookie = page.SetCookie(AccountsApp.SessionCookie);
        Assert.NotNull(cookie);
        var attributes = cookie.Split(';', StringSplitOptions.TrimEntries).Skip(1).Select(a => a.ToLowerInvariant()).ToList();
        Assert.Contains("httponly", attributes);
        Assert.Contains("samesite=strict", attributes);
        Assert.Contains("path=/", attributes);
        Assert.DoesNotContain(attributes, a => a.StartsWith("expires=", StringComparison.Ordinal) || a.StartsWith("max-age=", StringComparison.Ordinal)); // a session cookie

        var account = await client.GetAsync("/account");
        Assert.Equal(HttpStatusCode.OK, account.Status);
        Assert.Contains($"Signed in as {userName}", account.Text, StringComparison.Ordinal);

        // The key shown is the one that opens the stored recovery copy of the data key; so does the password.
        var user = await app.FindUserAsync(userName);
        Assert.NotNull(user);
        Assert.Null(user.Email);
        var keyring = await app.ReadKeyringAsync(user.Id);
        using var byRecovery = keyring.UnlockWithRecoveryKey(user.Id, recoveryKey);
        using var byPassword = keyring.UnlockWithPassword(user.Id, AccountsApp.Password);

        // Shown once: the page for a signed-in person does not show it again.
        var again = await client.GetAsync("/account/register");
        Assert.DoesNotContain(recoveryKey, again.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_username_that_is_taken_is_refused_kindly_and_the_first_account_is_untouched()
    {
        var (first, userName, _) = await app.SignUpAsync("taken");
        first.Dispose();
        using var client = app.NewClient();

        var page = await client.RegisterAsync(userName, "a different phrase for a second try");

        Assert.Contains("That username is taken. Please choose another.", page.Text, StringComparison.Ordinal);
        Assert.Null(page.SetCookie(AccountsApp.SessionCookie));
        var signIn = await client.SignInAsync(userName, AccountsApp.Password);
        Assert.True(signIn.IsRedirect, signIn.ToString());
    }

    [Fact]
    public async Task Sign_up_waits_until_the_person_confirms_they_understand_the_recovery_key()
    {
        using var client = app.NewClient();
        var userName = AccountsApp.NewUserName("hasty");

        var page = await client.RegisterAsync(userName, AccountsApp.Password, understandsRecovery: false);

        Assert.Contains("Please confirm you understand how the recovery key works.", page.Text, StringComparison.Ordinal);
        Assert.Null(page.SetCookie(AccountsApp.SessionCookie));
        Assert.Null(await app.FindUserAsync(userName));
    }

    [Fact]
    public async Task Two_different_passwords_are_refused_before_any_account_is_made()
    {
        using var client = app.NewClient();
        var userName = AccountsApp.NewUserName("typo");

        var page = await client.RegisterAsync(userName, AccountsApp.Password, confirmPassword: AccountsApp.Password + "!");

        Assert.Contains("The two passwords don't match yet.", page.Text, StringComparison.Ordinal);
        Assert.Null(await app.FindUserAsync(userName));
    }
}
