using System.Net;
using System.Text.RegularExpressions;
using HealingCompass.Web.Accounts;
using Microsoft.Extensions.Time.Testing;

namespace HealingCompass.Web.Tests.Accounts;

/// <summary>
/// Two-step sign-in through the real forms, with the app's clock in the test's hands: each code from the
/// authenticator app opens the account once (ASVS 6.6), and so does each recovery code.
/// </summary>
public sealed class TwoStepSignInTests(TwoStepSignInTests.ClockedApp fixture) : IClassFixture<TwoStepSignInTests.ClockedApp>
{
    private const string Refused = "That password and code didn't open the account.";

    private readonly AccountsApp app = fixture.App;
    private readonly FakeTimeProvider clock = fixture.Clock;

    [Fact]
    public async Task A_code_that_signed_in_once_is_refused_a_second_time_within_its_window()
    {
        var (userName, key) = await SignUpWithTwoStepAsync("once");
        clock.Advance(Totp.StepLength);
        var code = CodeNow(key);

        using var first = app.NewClient();
        var signedIn = await first.SignInAsync(userName, AccountsApp.Password, code);
        using var second = app.NewClient();
        var replayed = await second.SignInAsync(userName, AccountsApp.Password, code);

        Assert.Equal(HttpStatusCode.Found, signedIn.Status);
        Assert.NotNull(signedIn.SetCookie(AccountsApp.SessionCookie));
        Assert.Equal(HttpStatusCode.OK, replayed.Status);
        Assert.Contains(Refused, replayed.Text, StringComparison.Ordinal);
        Assert.Null(replayed.SetCookie(AccountsApp.SessionCookie));
    }

    [Fact]
    public async Task The_code_that_switched_two_step_on_cannot_sign_in_but_the_next_one_can()
    {
        var (userName, key) = await SignUpWithTwoStepAsync("setup");
        using var client = app.NewClient();

        var sameCode = await client.SignInAsync(userName, AccountsApp.Password, CodeNow(key));
        var nextCode = await client.SignInAsync(userName, AccountsApp.Password, Totp.Code(key, Step() + 1)); // within the window

        Assert.Contains(Refused, sameCode.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Found, nextCode.Status);
    }

    [Fact]
    public async Task A_code_older_than_the_last_one_accepted_is_refused_though_it_is_still_in_the_window()
    {
        var (userName, key) = await SignUpWithTwoStepAsync("older");
        clock.Advance(Totp.StepLength * 2);
        using var client = app.NewClient();
        Assert.Equal(HttpStatusCode.Found, (await client.SignInAsync(userName, AccountsApp.Password, CodeNow(key))).Status);

        using var other = app.NewClient();
        var earlier = await other.SignInAsync(userName, AccountsApp.Password, Totp.Code(key, Step() - 1));

        Assert.Contains(Refused, earlier.Text, StringComparison.Ordinal);
        Assert.Null(earlier.SetCookie(AccountsApp.SessionCookie));
    }

    [Fact]
    public async Task A_code_outside_the_window_is_refused()
    {
        var (userName, key) = await SignUpWithTwoStepAsync("late");
        var code = Totp.Code(key, Step() + 1);
        clock.Advance(Totp.StepLength * 3);
        using var client = app.NewClient();

        Assert.Contains(Refused, (await client.SignInAsync(userName, AccountsApp.Password, code)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_recovery_code_signs_in_once()
    {
        var (userName, _, recoveryCodes) = await SignUpWithTwoStepAndCodesAsync("spare");
        using var client = app.NewClient();

        var first = await client.SignInAsync(userName, AccountsApp.Password, recoveryCodes[0]);
        using var other = app.NewClient();
        var again = await other.SignInAsync(userName, AccountsApp.Password, recoveryCodes[0]);

        Assert.Equal(HttpStatusCode.Found, first.Status);
        Assert.Contains(Refused, again.Text, StringComparison.Ordinal);
    }

    private long Step() => Totp.StepAt(clock.GetUtcNow());

    private string CodeNow(byte[] key) => Totp.Code(key, Step());

    private async Task<(string UserName, byte[] Key)> SignUpWithTwoStepAsync(string prefix)
    {
        var (userName, key, _) = await SignUpWithTwoStepAndCodesAsync(prefix);
        return (userName, key);
    }

    /// <summary>A new account with two-step switched on by the code the app would show now.</summary>
    private async Task<(string UserName, byte[] Key, IReadOnlyList<string> RecoveryCodes)> SignUpWithTwoStepAndCodesAsync(string prefix)
    {
        var (client, userName, _) = await app.SignUpAsync(prefix);
        using (client)
        {
            var setup = await client.GetFormAsync("/account/two-step");
            Assert.True(Totp.TryDecodeKey(setup.TextOf(".hc-authenticator-key"), out var key), setup.ToString());
            var on = await client.TurnOnTwoStepAsync(CodeNow(key));
            // Identity's recovery codes: two groups of five letters and digits.
            var codes = Regex.Matches(on.Html, "<li>([A-Z0-9]{5}-[A-Z0-9]{5})</li>").Select(m => m.Groups[1].Value).ToList();
            Assert.Equal(AccountService.RecoveryCodeCount, codes.Count);
            return (userName, key, codes);
        }
    }

    /// <summary>The accounts app on a clock the tests move.</summary>
    public sealed class ClockedApp : IDisposable
    {
        public ClockedApp() => App = AccountsApp.OnClock(Clock);

        public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

        public AccountsApp App { get; }

        public void Dispose() => App.Dispose();
    }
}
