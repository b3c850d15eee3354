using System.Net;

namespace HealingCompass.Web.Tests.Accounts;

/// <summary>
/// The built-in rate limiter on every POST under /account, set to 3 a minute here. Each test has an app of its
/// own: the limit counts per client address, and every test client shares one.
/// </summary>
public sealed class RateLimitTests
{
    private static AccountsApp NewApp() => new(new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Accounts:AttemptsPerMinute"] = "3",
    });

    [Fact]
    public async Task The_fourth_sign_in_attempt_within_a_minute_gets_429_and_a_kind_page_with_no_technical_detail()
    {
        using var app = NewApp();
        using var client = app.NewClient();
        var userName = AccountsApp.NewUserName("hurried");

        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var allowed = await client.SignInAsync(userName, "some password or other");
            Assert.Equal(HttpStatusCode.OK, allowed.Status);
        }
        var fourth = await client.SignInAsync(userName, "some password or other");

        Assert.Equal(HttpStatusCode.TooManyRequests, fourth.Status);
        Assert.Equal("text/html", fourth.ContentHeaders.ContentType?.MediaType);
        Assert.Contains("Please wait a moment", fourth.Text, StringComparison.Ordinal);
        Assert.Contains("Nothing you saved has changed.", fourth.Text, StringComparison.Ordinal);
        AccountPagesTests.AssertNoTechnicalDetail(fourth);
        Assert.Contains("no-store", fourth.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        Assert.Contains("default-src 'self'", Assert.Single(fourth.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        Assert.Null(fourth.SetCookie("hc.session"));
    }

    [Fact]
    public async Task Every_account_form_shares_the_limit_but_pages_are_still_served()
    {
        using var app = NewApp();
        using var client = app.NewClient();

        for (var attempt = 1; attempt <= 3; attempt++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.SignInAsync("someone.else", "some password or other")).Status);
        }

        // Sign-up, recovery and sign-out are POSTs under /account too.
        var register = await client.RegisterAsync(AccountsApp.NewUserName("late"), AccountsApp.Password);
        var recover = await client.RecoverAsync("someone.else", "0000-0000-0000-0000-0000-0000-0000-0000", AccountsApp.Password);
        var logout = await client.PostRawAsync("/account/logout", []);
        Assert.Equal(HttpStatusCode.TooManyRequests, register.Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, recover.Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, logout.Status);

        // GETs are not attempts: the forms and the rest of the app still load.
        foreach (var path in new[] { "/account/login", "/account/register", "/account/recover", "/", "/resources" })
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path)).Status);
        }
    }
}
