using System.Net;
using HealingCompass.Web.Tests.Support;

namespace HealingCompass.Web.Tests.Accounts;

/// <summary>
/// The built-in rate limiter on every attempt under /account: 3 a minute per username here (and per address
/// where a test says so). Each test has an app of its own, on real Kestrel. Sign-out is never limited.
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
        Assert.Null(fourth.SetCookie(AccountsApp.SessionCookie));
    }

    [Fact]
    public async Task Signing_out_succeeds_while_the_limit_is_exhausted_and_ends_the_session()
    {
        using var app = NewApp();
        var (client, userName, _) = await app.SignUpAsync("tired");
        using (client)
        {
            // Sign-up was one attempt for this username; two wrong passwords and a third try use up the rest.
            for (var attempt = 1; attempt <= 3; attempt++)
            {
                await client.SignInAsync(userName, "not the password at all");
            }
            Assert.Equal(HttpStatusCode.TooManyRequests, (await client.SignInAsync(userName, "not the password at all")).Status);

            var signedOut = await client.SignOutAsync();

            Assert.Equal(HttpStatusCode.Found, signedOut.Status);
            Assert.Equal("/", signedOut.Location);
            Assert.Contains("/account/login", (await client.GetAsync("/account")).Location, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task One_usernames_failed_attempts_do_not_block_another_username_from_the_same_address()
    {
        using var app = NewApp();
        using var client = app.NewClient();
        var guessed = AccountsApp.NewUserName("guessed");

        for (var attempt = 1; attempt <= 3; attempt++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.SignInAsync(guessed, "some password or other")).Status);
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.SignInAsync(guessed, "some password or other")).Status);

        // Someone else behind the same address: their sign-up, sign-in and recovery still go through.
        Assert.NotNull((await client.RegisterAsync(AccountsApp.NewUserName("neighbour"), AccountsApp.Password)).TextOf(".hc-recovery-key"));
        Assert.Equal(HttpStatusCode.OK, (await client.SignInAsync(AccountsApp.NewUserName("other"), "some password or other")).Status);
        Assert.Equal(HttpStatusCode.OK, (await client.RecoverAsync(AccountsApp.NewUserName("third"), "0000-0000-0000-0000-0000-0000-0000-0000", AccountsApp.Password)).Status);

        // GETs are not attempts: the forms and the rest of the app still load.
        foreach (var path in new[] { "/account/login", "/account/register", "/account/recover", "/", "/resources" })
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path)).Status);
        }
    }

    [Fact]
    public async Task X_Forwarded_For_from_a_configured_proxy_names_the_client_address()
    {
        // Every client's connection really comes from 127.0.0.1 (real Kestrel), the configured proxy.
        using var app = NewAddressLimitedApp(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1",
            ["ForwardedHeaders:KnownProxies:1"] = "::1",
        });
        using var client = app.NewClient();

        Assert.Equal(HttpStatusCode.OK, (await SignInFromAsync(client, "203.0.113.1")).Status);
        Assert.Equal(HttpStatusCode.OK, (await SignInFromAsync(client, "203.0.113.1")).Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await SignInFromAsync(client, "203.0.113.1")).Status);

        // Another person behind the same proxy is a different address.
        Assert.Equal(HttpStatusCode.OK, (await SignInFromAsync(client, "203.0.113.2")).Status);
    }

    [Fact]
    public async Task X_Forwarded_For_is_ignored_when_the_request_does_not_come_from_a_configured_proxy()
    {
        using var app = NewAddressLimitedApp(new Dictionary<string, string>(StringComparer.Ordinal));
        using var client = app.NewClient();

        Assert.Equal(HttpStatusCode.OK, (await SignInFromAsync(client, "203.0.113.1")).Status);
        Assert.Equal(HttpStatusCode.OK, (await SignInFromAsync(client, "203.0.113.2")).Status);

        // No proxy configured, so the header is nobody's word: a made-up one cannot buy a fresh allowance.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await SignInFromAsync(client, "203.0.113.3")).Status);
    }

    /// <summary>Two attempts per address a minute, many per username.</summary>
    private static AccountsApp NewAddressLimitedApp(Dictionary<string, string> settings)
    {
        settings["Accounts:AttemptsPerAddressPerMinute"] = "2";
        return new AccountsApp(settings);
    }

    private static async Task<PageResponse> SignInFromAsync(AccountFormClient client, string forwardedFor)
    {
        var page = await client.GetFormAsync("/account/login");
        var form = page.Forms.Single(f => f.Hidden.TryGetValue(AccountFormClient.HandlerField, out var name) && name == "sign-in");
        var fields = new Dictionary<string, string>(form.Hidden, StringComparer.Ordinal)
        {
            ["Input.UserName"] = AccountsApp.NewUserName("someone"),
            ["Input.Password"] = "some password or other",
        };
        using var content = new FormUrlEncodedContent(fields);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/account/login", UriKind.Relative)) { Content = content };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        using var response = await client.Http.SendAsync(request, TestContext.Current.CancellationToken);
        return await PageResponse.ReadAsync(response);
    }
}
