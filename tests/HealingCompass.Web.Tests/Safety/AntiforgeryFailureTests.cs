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

    [Theory]
    [InlineData("/account/login")]
    [InlineData("/account/logout")]
    [InlineData("/account/sessions/end")]
    [InlineData("/account/sessions/end-others")]
    public async Task A_form_body_that_cannot_be_read_gets_the_kind_page_never_a_500(string path)
    {
        using var http = app.NewClient();
        // Signed in, with the antiforgery cookie from the pages, as a browser is: then the check reads the body.
        await new AccountFormClient(http).RegisterAsync(AccountsApp.NewUserName("unreadable"), AccountsApp.Password);
        using var body = new ByteArrayContent("--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb"u8.ToArray());
        body.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data"); // no boundary

        using var response = await http.PostAsync(new Uri(path, UriKind.Relative), body, TestContext.Current.CancellationToken);

        AssertKindPage(await PageResponse.ReadAsync(response));
    }

    [Fact]
    public async Task A_post_to_a_form_the_page_no_longer_shows_gets_the_kind_page_not_an_empty_400()
    {
        using var http = app.NewClient();
        var client = new AccountFormClient(http);
        await client.RegisterAsync(AccountsApp.NewUserName("old.tab"), AccountsApp.Password);
        // Two-step is off, so its "switch it off" form is not on the page: as if sent from a tab opened before.
        var page = await client.PostFormAsync("/account/two-step", "two-step-on", [new("_handler", "two-step-off"), new("OffInput.Password", AccountsApp.Password)]);

        AssertKindPage(page);
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
