using System.Net;
using HealingCompass.Data.Accounts;
using HealingCompass.Web.Tests.Accounts;
using HealingCompass.Web.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace HealingCompass.Web.Tests.Safety;

/// <summary>
/// A form sent without its antiforgery token (an old tab, cookies cleared, or another site posting) in
/// Production over HTTPS: the kind page with 400, never an empty response or a stack trace, and nothing done.
/// </summary>
public sealed class AntiforgeryFailureTests : IDisposable
{
    private const string KindHeading = "That didn't go through";
    private const string NothingChanged = "Nothing has been changed.";

    private readonly KestrelApp app = KestrelApp.Start("Production");

    [Fact]
    public async Task A_sign_up_without_its_token_gets_the_kind_page_and_makes_no_account()
    {
        using var http = app.NewClient();
        var client = new AccountFormClient(http);
        var userName = AccountsApp.NewUserName("no.token");
        var form = (await client.GetFormAsync("/account/register")).Forms.Single(f => f.Hidden.ContainsKey(AccountFormClient.HandlerField));

        var page = await client.PostRawAsync("/account/register", new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [AccountFormClient.HandlerField] = form.Hidden[AccountFormClient.HandlerField],
            ["Input.UserName"] = userName,
            ["Input.Password"] = AccountsApp.Password,
            ["Input.ConfirmPassword"] = AccountsApp.Password,
            ["Input.UnderstandsRecovery"] = "true",
        });

        AssertKindPage(page);
        Assert.Null(page.SetCookie("__Host-hc.session"));
        Assert.Null(await FindUserAsync(userName));
    }

    [Fact]
    public async Task A_password_change_with_a_wrong_token_gets_the_kind_page_and_the_password_stays()
    {
        using var http = app.NewClient();
        var client = new AccountFormClient(http);
        var userName = AccountsApp.NewUserName("wrong.token");
        await client.RegisterAsync(userName, AccountsApp.Password);
        var before = (await FindUserAsync(userName))!.PasswordHash;

        var form = (await client.GetFormAsync("/account/password")).Forms.Single(f => f.Hidden.ContainsKey(AccountFormClient.HandlerField));
        var fields = new Dictionary<string, string>(form.Hidden, StringComparer.Ordinal)
        {
            [AccountFormClient.AntiforgeryField] = "CfDJ8-not-a-real-token",
            ["Input.CurrentPassword"] = AccountsApp.Password,
            ["Input.NewPassword"] = "a different passphrase altogether",
            ["Input.ConfirmPassword"] = "a different passphrase altogether",
        };
        var page = await client.PostRawAsync("/account/password", fields);

        AssertKindPage(page);
        Assert.Equal(before, (await FindUserAsync(userName))!.PasswordHash);
    }

    [Fact]
    public async Task Sign_out_without_its_token_gets_the_kind_page_and_the_person_stays_signed_in()
    {
        using var http = app.NewClient();
        var client = new AccountFormClient(http);
        await client.RegisterAsync(AccountsApp.NewUserName("stays.in"), AccountsApp.Password);

        var page = await client.PostRawAsync("/account/logout", []);

        AssertKindPage(page);
        Assert.DoesNotContain(page.SetCookies, c => c.StartsWith("__Host-hc.session=;", StringComparison.Ordinal)); // not ended
        var account = await client.GetAsync("/account");
        Assert.Equal(HttpStatusCode.OK, account.Status); // still signed in: not sent to the sign-in page
    }

    private static void AssertKindPage(PageResponse page)
    {
        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Equal("text/html", page.ContentHeaders.ContentType?.MediaType);
        Assert.Contains(KindHeading, page.Text, StringComparison.Ordinal);
        Assert.Contains(NothingChanged, page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("antiforgery", page.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Exception", page.Html, StringComparison.Ordinal);
        Assert.Contains("no-store", page.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        Assert.Contains("/js/quick-exit.js", page.Html, StringComparison.Ordinal); // quick exit works here too
    }

    private async Task<ApplicationUser?> FindUserAsync(string userName)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByNameAsync(userName);
    }

    public void Dispose()
    {
        app.Dispose();
        app.DeleteDataDirectory();
    }
}
