using System.Net;
using HealingCompass.Web.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace HealingCompass.Web.Tests.Accounts;

/// <summary>Sign-out through the account page's button: the key, the cookie and the browser's copies all go.</summary>
public sealed class SignOutTests(AccountsApp app) : IClassFixture<AccountsApp>
{
    [Fact]
    public async Task Signing_out_asks_the_browser_to_clear_its_cache_cookies_and_storage_and_ends_the_cookie()
    {
        var (client, _, _) = await app.SignUpAsync("leaves");
        using (client)
        {
            var page = await client.SignOutAsync();

            Assert.Equal(HttpStatusCode.Found, page.Status);
            Assert.Equal("/", page.Location);
            var clearSiteData = string.Join(", ", page.Headers.GetValues("Clear-Site-Data"));
            Assert.Contains("\"cache\"", clearSiteData, StringComparison.Ordinal);
            Assert.Contains("\"cookies\"", clearSiteData, StringComparison.Ordinal);
            Assert.Contains("\"storage\"", clearSiteData, StringComparison.Ordinal);
            var ended = page.SetCookie(AccountsApp.SessionCookie);
            Assert.NotNull(ended);
            Assert.StartsWith(AccountsApp.SessionCookie + "=;", ended, StringComparison.Ordinal);
            Assert.Contains("expires=Thu, 01 Jan 1970", ended, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task After_signing_out_the_account_page_sends_the_person_to_sign_in()
    {
        var (client, _, _) = await app.SignUpAsync("done");
        using (client)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account")).Status);

            await client.SignOutAsync();
            var account = await client.GetAsync("/account");

            Assert.Equal(HttpStatusCode.Found, account.Status);
            Assert.Contains("/account/login", account.Location, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.Found, (await client.GetAsync("/account/password")).Status);
        }
    }

    [Fact]
    public async Task Signing_out_needs_the_antiforgery_token_from_the_page()
    {
        var (client, _, _) = await app.SignUpAsync("stays");
        using (client)
        {
            // A bare POST, as another site could make: no antiforgery token.
            var page = await client.PostRawAsync("/account/logout", []);

            Assert.Equal(HttpStatusCode.BadRequest, page.Status);
            Assert.False(page.Headers.Contains("Clear-Site-Data"));
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account")).Status);
        }
    }

    [Fact]
    public async Task Signing_out_drops_the_key_so_a_copy_of_the_old_cookie_finds_the_saved_data_locked()
    {
        var keys = app.Services.GetRequiredService<UnlockedKeys>();
        using var client = app.NewClient();
        var userName = AccountsApp.NewUserName("copied");
        var signUp = await client.RegisterAsync(userName, AccountsApp.Password);
        var copiedCookie = signUp.SetCookie(AccountsApp.SessionCookie)!.Split(';')[0];
        var userId = (await app.FindUserAsync(userName))!.Id;

        var locked = new List<string>();
        void OnLocked(string sessionId)
        {
            lock (locked)
            {
                locked.Add(sessionId);
            }
        }
        keys.Locked += OnLocked;
        try
        {
            await client.SignOutAsync();
        }
        finally
        {
            keys.Locked -= OnLocked;
        }

        var sessionId = Assert.Single(locked);
        Assert.False(keys.IsUnlocked(sessionId, userId));

        // Someone who copied the cookie before sign-out replays it: whatever the cookie still does, the key is gone.
        await app.ReplayAsync(copiedCookie, "/account/unlock");
        Assert.False(keys.IsUnlocked(sessionId, userId));
    }
}
