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
        var store = app.Services.GetRequiredService<SavedAssessmentStore>();
        using (var key = (await app.ReadKeyringAsync(userId)).UnlockWithPassword(userId, AccountsApp.Password))
        {
            var answers = new AnswerSet().Set("reflection.notes", AnswerValue.FreeText("Kept through a forgotten password."));
            await store.SaveDraftAsync(userId, key, answers, TestContext.Current.CancellationToken);
        }

        using var client = app.NewClient();
        var page = await client.RecoverAsync(userName, recoveryKey, NewPassword);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Your new password is set and you're signed in.", page.Text, StringComparison.Ordinal);
        Assert.NotNull(page.SetCookie(AccountsApp.SessionCookie));
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
    public async Task The_recovery_key_works_however_it_is_typed_and_once_used_only_the_new_one_shown_opens_the_account()
    {
        var (first, userName, recoveryKey) = await app.SignUpAsync("typist");
        first.Dispose();
        var typed = recoveryKey.Replace("-", " ", StringComparison.Ordinal).ToLowerInvariant().Replace('0', 'o').Replace('1', 'l');

        using var client = app.NewClient();
        var used = await client.RecoverAsync(userName, typed, NewPassword);
        Assert.Contains("Your new password is set", used.Text, StringComparison.Ordinal);
        Assert.Contains("Your old recovery key no longer opens anything.", used.Text, StringComparison.Ordinal);
        var newKey = used.TextOf(".hc-recovery-key");
        Assert.NotNull(newKey);
        Assert.Matches(Support.AccountFormClient.RecoveryKeyFormat(), newKey);
        Assert.NotEqual(recoveryKey, newKey);

        using var finder = app.NewClient();
        var again = await finder.RecoverAsync(userName, recoveryKey, "another phrase entirely for today");
        Assert.Contains(DoesNotOpen, again.Text, StringComparison.Ordinal);
        Assert.Null(again.SetCookie(AccountsApp.SessionCookie));

        var userId = (await app.FindUserAsync(userName))!.Id;
        var keyring = await app.ReadKeyringAsync(userId);
        Assert.Throws<KeyUnlockException>(() => keyring.UnlockWithRecoveryKey(userId, recoveryKey));
        using var byNewKey = keyring.UnlockWithRecoveryKey(userId, newKey);
        Assert.Contains("Your new password is set", (await finder.RecoverAsync(userName, newKey, "another phrase entirely for today")).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_recovery_key_asked_for_on_the_account_page_replaces_the_old_one()
    {
        var (client, userName, recoveryKey) = await app.SignUpAsync("rotates");
        string newKey;
        using (client)
        {
            Assert.Contains("/account/recovery-key", (await client.GetAsync("/account")).Html, StringComparison.Ordinal);
            var wrong = await client.NewRecoveryKeyAsync("not my password at all");
            Assert.Contains("That password isn't right.", wrong.Text, StringComparison.Ordinal);
            Assert.Null(wrong.TextOf(".hc-recovery-key"));

            var page = await client.NewRecoveryKeyAsync(AccountsApp.Password);
            newKey = page.TextOf(".hc-recovery-key") ?? throw new InvalidOperationException(page.ToString());
            Assert.Contains("Your old recovery key no longer opens anything.", page.Text, StringComparison.Ordinal);
        }

        using var finder = app.NewClient();
        Assert.Contains(DoesNotOpen, (await finder.RecoverAsync(userName, recoveryKey, NewPassword)).Text, StringComparison.Ordinal);
        Assert.Contains("Your new password is set", (await finder.RecoverAsync(userName, newKey, NewPassword)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_password_change_can_replace_the_recovery_key_too()
    {
        var (client, userName, recoveryKey) = await app.SignUpAsync("changes.both");
        string newKey;
        using (client)
        {
            var page = await client.ChangePasswordWithNewRecoveryKeyAsync(AccountsApp.Password, NewPassword);
            Assert.Contains("Your password is changed.", page.Text, StringComparison.Ordinal);
            newKey = page.TextOf(".hc-recovery-key") ?? throw new InvalidOperationException(page.ToString());
        }

        var userId = (await app.FindUserAsync(userName))!.Id;
        var keyring = await app.ReadKeyringAsync(userId);
        Assert.Throws<KeyUnlockException>(() => keyring.UnlockWithRecoveryKey(userId, recoveryKey));
        using var byNewKey = keyring.UnlockWithRecoveryKey(userId, newKey);
        using var byNewPassword = keyring.UnlockWithPassword(userId, NewPassword);
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
            Assert.Null(page.SetCookie(AccountsApp.SessionCookie));
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
        Assert.Null(page.SetCookie(AccountsApp.SessionCookie));
        Assert.True((await client.SignInAsync(userName, AccountsApp.Password)).IsRedirect);
    }
}
