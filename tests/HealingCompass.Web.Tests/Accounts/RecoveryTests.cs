using System.Net;
using HealingCompass.Data.Assessments;
using HealingCompass.Data.Encryption;
using HealingCompass.Domain.Assessment;
using Microsoft.Extensions.DependencyInjection;

namespace HealingCompass.Web.Tests.Accounts;

/// <summary>A forgotten password and the recovery key shown at sign-up, through /account/recover.</summary>
public sealed class RecoveryTests(AccountsApp app) : IClassFixture<AccountsApp>
{
    private const string NewPassword = "tea gets cold while the snow falls";
    private const string DoesNotOpen = "That username and recovery key don't open an account. Please check both and try again.";

    [Fact]
    public async Task The_recovery_key_from_sign_up_sets_a_new_password_and_the_forgotten_one_stops_working()
    {
        var (first, userName, recoveryKey) = await app.SignUpAsync("forgetful");
        var userId = (await app.FindUserAsync(userName))!.Id;
        var store = app.Factory.Services.GetRequiredService<SavedAssessmentStore>();
        using (var key = (await app.ReadKeyringAsync(userId)).UnlockWithPassword(userId, AccountsApp.Password))
        {
            var answers = new AnswerSet().Set("reflection.notes", AnswerValue.FreeText("Kept through a forgotten password."));
            await store.SaveDraftAsync(userId, key, answers, TestContext.Current.CancellationToken);
        }

        using var client = app.NewClient();
        var page = await client.RecoverAsync(userName, recoveryKey, NewPassword);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Your new password is set and you're signed in.", page.Text, StringComparison.Ordinal);
        Assert.NotNull(page.SetCookie("hc.session"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account")).Status);

        // A session that was open with the old password (perhaps on a device someone else holds) has ended.
        using (first)
        {
            var stale = await first.GetAsync("/account");
            Assert.Equal(HttpStatusCode.Found, stale.Status);
            Assert.Contains("/account/login", stale.Location, StringComparison.Ordinal);
        }

        using var later = app.NewClient();
        Assert.Contains("don't match an account", (await later.SignInAsync(userName, AccountsApp.Password)).Text, StringComparison.Ordinal);
        Assert.True((await later.SignInAsync(userName, NewPassword)).IsRedirect);

        var keyring = await app.ReadKeyringAsync(userId);
        Assert.Throws<KeyUnlockException>(() => keyring.UnlockWithPassword(userId, AccountsApp.Password));
        using var unlocked = keyring.UnlockWithPassword(userId, NewPassword);
        var draft = await store.LoadDraftAsync(userId, unlocked, TestContext.Current.CancellationToken);
        Assert.Equal("Kept through a forgotten password.", draft?["reflection.notes"]?.Text);
    }

    [Fact]
    public async Task The_recovery_key_works_however_it_is_typed_and_keeps_working_afterwards()
    {
        var (first, userName, recoveryKey) = await app.SignUpAsync("typist");
        first.Dispose();
        var typed = recoveryKey.Replace("-", " ", StringComparison.Ordinal).ToLowerInvariant().Replace('0', 'o').Replace('1', 'l');

        using var client = app.NewClient();
        Assert.Contains("Your new password is set", (await client.RecoverAsync(userName, typed, NewPassword)).Text, StringComparison.Ordinal);
        var again = await client.RecoverAsync(userName, recoveryKey, "another phrase entirely for today");
        Assert.Contains("Your new password is set", again.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_recovery_key_gets_the_kind_message_and_changes_nothing()
    {
        var (first, userName, _) = await app.SignUpAsync("guessed");
        first.Dispose();
        using var client = app.NewClient();

        var wrongKey = await client.RecoverAsync(userName, RecoveryKey.Generate(), NewPassword);
        var notAKey = await client.RecoverAsync(userName, "not a recovery key", NewPassword);
        var unknownUser = await client.RecoverAsync(AccountsApp.NewUserName("nobody"), RecoveryKey.Generate(), NewPassword);

        foreach (var page in new[] { wrongKey, notAKey, unknownUser })
        {
            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.Contains(DoesNotOpen, page.Text, StringComparison.Ordinal);
            Assert.Null(page.SetCookie("hc.session"));
            AccountPagesTests.AssertNoTechnicalDetail(page);
        }
        Assert.True((await client.SignInAsync(userName, AccountsApp.Password)).IsRedirect);
    }

    [Fact]
    public async Task A_common_new_password_is_refused_even_with_the_right_recovery_key()
    {
        var (first, userName, recoveryKey) = await app.SignUpAsync("recovers.weakly");
        first.Dispose();
        using var client = app.NewClient();

        var page = await client.RecoverAsync(userName, recoveryKey, "password1234");

        Assert.Contains("That password is one of the most common", page.Text, StringComparison.Ordinal);
        Assert.Null(page.SetCookie("hc.session"));
        Assert.True((await client.SignInAsync(userName, AccountsApp.Password)).IsRedirect);
    }
}
