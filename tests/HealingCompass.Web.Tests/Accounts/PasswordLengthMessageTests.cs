namespace HealingCompass.Web.Tests.Accounts;

/// <summary>A password that is too long is told so, not told it is too short (sign-up, change and recovery).</summary>
public sealed class PasswordLengthMessageTests(AccountsApp app) : IClassFixture<AccountsApp>
{
    private const string TooLong = "A password can be at most 1,024 characters. Please choose a shorter one.";
    private const string TooShort = "A password needs at least 8 characters";
    private static readonly string OverTheMaximum = new('w', 1025);

    [Fact]
    public async Task A_password_over_the_maximum_gets_the_message_about_the_maximum_on_every_form()
    {
        using var client = app.NewClient();
        var register = await client.RegisterAsync(AccountsApp.NewUserName("long"), OverTheMaximum);
        var recover = await client.RecoverAsync(AccountsApp.NewUserName("long"), Data.Encryption.RecoveryKey.Generate(), OverTheMaximum);
        var (signedIn, _, _) = await app.SignUpAsync("long.change");
        using (signedIn)
        {
            var change = await signedIn.ChangePasswordAsync(AccountsApp.Password, OverTheMaximum);
            foreach (var page in new[] { register, recover, change })
            {
                Assert.Contains(TooLong, page.Text, StringComparison.Ordinal);
                Assert.DoesNotContain(TooShort, page.Text, StringComparison.Ordinal);
                Assert.DoesNotContain(OverTheMaximum, page.Html, StringComparison.Ordinal); // not echoed back
            }
        }
    }

    [Fact]
    public async Task A_short_password_still_gets_the_message_about_the_minimum()
    {
        using var client = app.NewClient();

        var page = await client.RegisterAsync(AccountsApp.NewUserName("short"), "seven77");

        Assert.Contains(TooShort, page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(TooLong, page.Text, StringComparison.Ordinal);
    }
}
