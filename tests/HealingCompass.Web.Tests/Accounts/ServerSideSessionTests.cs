using System.Net;
using HealingCompass.Web.Accounts;
using HealingCompass.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace HealingCompass.Web.Tests.Accounts;

/// <summary>
/// Sessions live on the server (ASVS 7.4.1, 7.5.2): a copy of the sign-in cookie taken before the session
/// ended opens nothing afterwards, however the session ended. Over real Kestrel and HTTPS, in Production.
/// </summary>
public sealed class ServerSideSessionTests(AccountsApp app) : IClassFixture<AccountsApp>
{
    [Fact]
    public async Task A_cookie_copied_before_sign_out_gets_the_sign_in_page_afterwards()
    {
        var (client, _, copied) = await SignUpAndCopyCookieAsync("replayed");
        using (client)
        {
            Assert.Equal(HttpStatusCode.OK, (await app.ReplayAsync(copied, "/account")).Status);

            await client.SignOutAsync();

            AssertSentToSignIn(await app.ReplayAsync(copied, "/account"));
        }
    }

    [Fact]
    public async Task End_all_others_ends_the_other_browser_and_keeps_this_one()
    {
        var (here, userName, _) = await SignUpAndCopyCookieAsync("others");
        using (here)
        {
            var (elsewhere, copied) = await SignInElsewhereAsync(userName);
            using (elsewhere)
            {
                var page = await here.PostFormAsync("/account/sessions", null, [], action: "/account/sessions/end-others");

                Assert.Equal(HttpStatusCode.Found, page.Status);
                AssertSentToSignIn(await app.ReplayAsync(copied, "/account"));
                AssertSentToSignIn(await elsewhere.GetAsync("/account"));
                Assert.Equal(HttpStatusCode.OK, (await here.GetAsync("/account")).Status);
            }
        }
    }

    [Fact]
    public async Task End_on_one_row_ends_that_session_only()
    {
        var (here, userName, _) = await SignUpAndCopyCookieAsync("one-row");
        using (here)
        {
            var (elsewhere, copied) = await SignInElsewhereAsync(userName);
            using (elsewhere)
            {
                var list = await here.GetFormAsync("/account/sessions");
                var other = list.Forms.Single(f => f.Action == "/account/sessions/end" && !IsThisBrowserRow(list, f));
                await here.PostRawAsync("/account/sessions/end", other.Hidden);

                AssertSentToSignIn(await app.ReplayAsync(copied, "/account"));
                Assert.Equal(HttpStatusCode.OK, (await here.GetAsync("/account")).Status);
            }
        }
    }

    [Fact]
    public async Task End_on_this_browsers_row_signs_it_out_for_good()
    {
        var (client, _, copied) = await SignUpAndCopyCookieAsync("this-row");
        using (client)
        {
            var list = await client.GetFormAsync("/account/sessions");
            var mine = Assert.Single(list.Forms, f => f.Action == "/account/sessions/end");
            var ended = await client.PostRawAsync("/account/sessions/end", mine.Hidden);

            Assert.Equal("/", ended.Location);
            AssertSentToSignIn(await app.ReplayAsync(copied, "/account"));
        }
    }

    [Fact]
    public async Task The_sessions_page_lists_each_browser_in_plain_words_and_marks_this_one()
    {
        var (here, userName, _) = await SignUpAndCopyCookieAsync("listed");
        using (here)
        {
            var (elsewhere, _) = await SignInElsewhereAsync(userName, "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0");
            using (elsewhere)
            {
                var page = await here.GetAsync("/account/sessions");

                Assert.Contains("Where you're signed in", page.Text, StringComparison.Ordinal);
                Assert.Contains("Firefox on Windows", page.Text, StringComparison.Ordinal);
                Assert.Contains("(this browser)", page.Text, StringComparison.Ordinal);
                Assert.Equal(2, page.Forms.Count(f => f.Action == "/account/sessions/end"));
                Assert.Contains("End all others", page.Text, StringComparison.Ordinal);
                Assert.Contains("href=\"/account/sessions\"", (await here.GetAsync("/account")).Html, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task Quick_exits_lock_ends_the_session_and_drops_the_key_so_a_copied_cookie_gets_the_sign_in_page()
    {
        var (client, userName, copied) = await SignUpAndCopyCookieAsync("fled");
        using (client)
        {
            var userId = (await app.FindUserAsync(userName))!.Id;
            var locked = await LockAsync(copied, origin: app.Server.Origin);

            Assert.Equal(HttpStatusCode.NoContent, locked.StatusCode);
            AssertSentToSignIn(await app.ReplayAsync(copied, "/account"));
            AssertSentToSignIn(await client.GetAsync("/account"));
            Assert.Empty(await app.Services.GetRequiredService<SessionStore>().ListAsync(userId, null));
        }
    }

    [Fact]
    public async Task The_lock_refuses_a_post_from_another_site()
    {
        var (client, _, copied) = await SignUpAndCopyCookieAsync("stays-put");
        using (client)
        {
            var refused = await LockAsync(copied, origin: "https://elsewhere.example");

            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await app.ReplayAsync(copied, "/account")).Status);
        }
    }

    private async Task<(AccountFormClient Client, string UserName, string Cookie)> SignUpAndCopyCookieAsync(string prefix)
    {
        var client = app.NewClient();
        var userName = AccountsApp.NewUserName(prefix);
        var page = await client.RegisterAsync(userName, AccountsApp.Password);
        return (client, userName, AccountsApp.SessionCookieOf(page));
    }

    private async Task<(AccountFormClient Client, string Cookie)> SignInElsewhereAsync(string userName, string? userAgent = null)
    {
        var client = app.NewClient();
        if (userAgent is not null)
        {
            client.Http.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent);
        }
        var page = await client.SignInAsync(userName, AccountsApp.Password);
        return (client, AccountsApp.SessionCookieOf(page));
    }

    private static bool IsThisBrowserRow(PageResponse page, PageForm form) =>
        page.Html.Contains(form.Hidden["session"], StringComparison.Ordinal)
        && page.Html[..page.Html.IndexOf(form.Hidden["session"], StringComparison.Ordinal)].LastIndexOf("<li", StringComparison.Ordinal) is var start
        && page.Html[start..page.Html.IndexOf(form.Hidden["session"], StringComparison.Ordinal)].Contains("(this browser)", StringComparison.Ordinal);

    /// <summary>What quick exit's beacon sends: a bare POST with the cookie and the page's origin.</summary>
    private async Task<HttpResponseMessage> LockAsync(string cookie, string origin)
    {
        using var http = app.NewBareClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/account/lock", UriKind.Relative));
        request.Headers.Add("Cookie", cookie);
        request.Headers.Add("Origin", origin);
        return await http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private static void AssertSentToSignIn(PageResponse page)
    {
        Assert.Equal(HttpStatusCode.Found, page.Status);
        Assert.Contains("/account/login", page.Location, StringComparison.Ordinal);
    }
}
