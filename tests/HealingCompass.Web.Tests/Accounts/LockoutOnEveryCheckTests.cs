using System.Net;

namespace HealingCompass.Web.Tests.Accounts;

/// <summary>
/// Every check of a password or recovery key (sign-in, password change, recovery) counts its failures
/// towards the same lockout, and a locked account is refused by each of them (ASVS 6.3.1).
/// </summary>
public sealed class LockoutOnEveryCheckTests(AccountsApp app) : IClassFixture<AccountsApp>
{
    private const string NewPassword = "kites over the marsh at low tide";
    private const string Paused = "This account is paused for a while after several unsuccessful attempts. Please try again later.";

    [Fact]
    public async Task Wrong_current_passwords_on_the_change_page_lock_the_account_and_then_even_the_right_one_changes_nothing()
    {
        var (client, userName, _) = await app.SignUpAsync("changer");
        using (client)
        {
            for (var attempt = 1; attempt <= 4; attempt++)
            {
                var wrong = await client.ChangePasswordAsync($"wrong current password {attempt}", NewPassword);
                Assert.Contains("The current password isn't right.", wrong.Text, StringComparison.Ordinal);
            }
            Assert.Contains(Paused, (await client.ChangePasswordAsync("wrong current password 5", NewPassword)).Text, StringComparison.Ordinal);

            var right = await client.ChangePasswordAsync(AccountsApp.Password, NewPassword);
            Assert.Equal(HttpStatusCode.OK, right.Status);
            Assert.Contains(Paused, right.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("Your password is changed.", right.Text, StringComparison.Ordinal);
        }

        var user = await app.FindUserAsync(userName);
        Assert.NotNull(user?.LockoutEnd);
        using var stillTheOldOne = (await app.ReadKeyringAsync(user.Id)).UnlockWithPassword(user.Id, AccountsApp.Password);
    }

    [Fact]
    public async Task An_account_locked_by_wrong_sign_ins_elsewhere_cannot_have_its_password_changed()
    {
        var (signedIn, userName, _) = await app.SignUpAsync("besieged");
        using var elsewhere = app.NewClient();
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await elsewhere.SignInAsync(userName, $"someone guessing {attempt}");
        }

        using (signedIn)
        {
            var page = await signedIn.ChangePasswordAsync(AccountsApp.Password, NewPassword);
            Assert.Contains(Paused, page.Text, StringComparison.Ordinal);
        }

        var user = await app.FindUserAsync(userName);
        using var stillTheOldOne = (await app.ReadKeyringAsync(user!.Id)).UnlockWithPassword(user.Id, AccountsApp.Password);
    }

    [Fact]
    public async Task Wrong_recovery_keys_lock_the_account_and_then_even_the_right_key_opens_nothing()
    {
        var (first, userName, recoveryKey) = await app.SignUpAsync("recoverer");
        first.Dispose();
        using var client = app.NewClient();
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            var wrong = await client.RecoverAsync(userName, Data.Encryption.RecoveryKey.Generate(), NewPassword);
            Assert.Contains("don't open an account", wrong.Text, StringComparison.Ordinal);
        }
        Assert.Contains(Paused, (await client.RecoverAsync(userName, Data.Encryption.RecoveryKey.Generate(), NewPassword)).Text, StringComparison.Ordinal);

        var right = await client.RecoverAsync(userName, recoveryKey, NewPassword);
        Assert.Contains(Paused, right.Text, StringComparison.Ordinal);
        Assert.Null(right.SetCookie(AccountsApp.SessionCookie));

        var user = await app.FindUserAsync(userName);
        Assert.NotNull(user?.LockoutEnd);
        Assert.True(user.LockoutEnd > DateTimeOffset.UtcNow);
        using var stillTheOldOne = (await app.ReadKeyringAsync(user.Id)).UnlockWithPassword(user.Id, AccountsApp.Password);
    }
}
