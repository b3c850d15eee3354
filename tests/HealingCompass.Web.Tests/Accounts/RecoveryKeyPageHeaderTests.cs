using HealingCompass.Web.Tests.Support;

namespace HealingCompass.Web.Tests.Accounts;

/// <summary>
/// The page that shows a new recovery key is the first page of a new sign-in (after sign-up or recovery):
/// its header must already treat the person as signed in (issue 8), not offer them "Sign in".
/// </summary>
public sealed class RecoveryKeyPageHeaderTests(AccountsApp app) : IClassFixture<AccountsApp>
{
    [Fact]
    public async Task The_recovery_key_page_after_sign_up_offers_my_account_not_sign_in()
    {
        using var client = app.NewClient();

        var page = await client.RegisterAsync(AccountsApp.NewUserName("header"), AccountsApp.Password);

        Assert.NotNull(page.TextOf(".hc-recovery-key"));
        AssertSignedInHeader(page);
    }

    [Fact]
    public async Task The_recovery_key_page_after_recovery_offers_my_account_not_sign_in()
    {
        var (first, userName, recoveryKey) = await app.SignUpAsync("header.recovered");
        first.Dispose();
        using var client = app.NewClient();

        var page = await client.RecoverAsync(userName, recoveryKey, "tea gets cold while the snow falls");

        Assert.NotNull(page.TextOf(".hc-recovery-key"));
        AssertSignedInHeader(page);
    }

    private static void AssertSignedInHeader(PageResponse page)
    {
        var header = page.TextOf(".hc-nav") ?? throw new InvalidOperationException($"No header: {page}");
        Assert.Contains("My account", header, StringComparison.Ordinal);
        Assert.DoesNotContain("Sign in", header, StringComparison.Ordinal);
    }
}
