using System.Net;
using HealingCompass.Data.Assessments;
using HealingCompass.Data.Encryption;
using HealingCompass.Domain.Assessment;
using Microsoft.Extensions.DependencyInjection;

namespace HealingCompass.Web.Tests.Accounts;

/// <summary>Changing the password on the account page, with a second session open elsewhere.</summary>
public sealed class PasswordChangeTests(AccountsApp app) : IClassFixture<AccountsApp>
{
    private const string NewPassword = "paper boats on a slow green river";
    private const string WrongDetails = "That username and password don't match an account.";

    [Fact]
    public async Task After_a_change_only_the_new_password_signs_in_and_other_sessions_are_signed_out()
    {
        var (here, userName, _) = await app.SignUpAsync("mover");
        using var elsewhere = app.NewClient();
        using (here)
        {
            Assert.True((await elsewhere.SignInAsync(userName, AccountsApp.Password)).IsRedirect);
            Assert.Equal(HttpStatusCode.OK, (await elsewhere.GetAsync("/account")).Status);

            var changed = await here.ChangePasswordAsync(AccountsApp.Password, NewPassword);

            Assert.Equal(HttpStatusCode.OK, changed.Status);
            Assert.Contains("Your password is changed.", changed.Text, StringComparison.Ordinal);
            Assert.NotNull(changed.SetCookie(AccountsApp.SessionCookie)); // this session carries on with a fresh cookie
            Assert.Equal(HttpStatusCode.OK, (await here.GetAsync("/account")).Status);
        }

        // The other session's next request finds its cookie no longer valid (the security stamp changed).
        var signedOut = await elsewhere.GetAsync("/account");
        Assert.Equal(HttpStatusCode.Found, signedOut.Status);
        Assert.Contains("/account/login", signedOut.Location, StringComparison.Ordinal);

        using var later = app.NewClient();
        var old = await later.SignInAsync(userName, AccountsApp.Password);
        Assert.Contains(WrongDetails, old.Text, StringComparison.Ordinal);
        Assert.Null(old.SetCookie(AccountsApp.SessionCookie));
        var current = await later.SignInAsync(userName, NewPassword);
        Assert.True(current.IsRedirect, current.ToString());
        Assert.NotNull(current.SetCookie(AccountsApp.SessionCookie));
    }

    [Fact]
    public async Task A_draft_saved_before_the_change_opens_with_the_new_password_and_not_the_old_one()
    {
        var (client, userName, recoveryKey) = await app.SignUpAsync("keeper");
        var userId = (await app.FindUserAsync(userName))!.Id;
        var store = app.Services.GetRequiredService<SavedAssessmentStore>();
        using (var key = (await app.ReadKeyringAsync(userId)).UnlockWithPassword(userId, AccountsApp.Password))
        {
            var answers = new AnswerSet().Set("reflection.notes", AnswerValue.FreeText("Saved before the change."));
            await store.SaveDraftAsync(userId, key, answers, TestContext.Current.CancellationToken);
        }

        using (client)
        {
            var changed = await client.ChangePasswordAsync(AccountsApp.Password, NewPassword);
            Assert.Contains("Everything you saved is still here", changed.Text, StringComparison.Ordinal);
        }

        var keyring = await app.ReadKeyringAsync(userId);
        Assert.Throws<KeyUnlockException>(() => keyring.UnlockWithPassword(userId, AccountsApp.Password));
        using (var key = keyring.UnlockWithPassword(userId, NewPassword))
        {
            var draft = await store.LoadDraftAsync(userId, key, TestContext.Current.CancellationToken);
            Assert.Equal("Saved before the change.", draft?["reflection.notes"]?.Text);
        }
        using var byRecovery = keyring.UnlockWithRecoveryKey(userId, recoveryKey); // the written-down key still works
    }

    [Fact]
    public async Task A_wrong_current_password_changes_nothing()
    {
        var (client, userName, _) = await app.SignUpAsync("slip");
        using (client)
        {
            var page = await client.ChangePasswordAsync("not my current password", NewPassword);

            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.Contains("The current password isn't right. Please try again.", page.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("Your password is changed.", page.Text, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account")).Status);
        }

        var userId = (await app.FindUserAsync(userName))!.Id;
        using var stillTheOldOne = (await app.ReadKeyringAsync(userId)).UnlockWithPassword(userId, AccountsApp.Password);
    }

    [Fact]
    public async Task A_common_new_password_is_refused_and_the_old_one_keeps_working()
    {
        var (client, userName, _) = await app.SignUpAsync("weak");
        using (client)
        {
            var page = await client.ChangePasswordAsync(AccountsApp.Password, "password1234");

            Assert.Contains("That password is one of the most common", page.Text, StringComparison.Ordinal);
        }

        using var later = app.NewClient();
        Assert.True((await later.SignInAsync(userName, AccountsApp.Password)).IsRedirect);
    }

    [Fact]
    public async Task Changing_the_password_needs_a_signed_in_session()
    {
        using var client = app.NewClient();

        var page = await client.GetAsync("/account/password");

        Assert.Equal(HttpStatusCode.Found, page.Status);
        Assert.Contains("/account/login", page.Location, StringComparison.Ordinal);
    }
}
