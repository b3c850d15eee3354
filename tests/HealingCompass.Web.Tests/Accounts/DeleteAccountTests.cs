using System.Net;
using System.Net.Http.Json;
using HealingCompass.Web.Accounts;
using HealingCompass.Web.Components.Safety;
using HealingCompass.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HealingCompass.Web.Tests.Accounts;

/// <summary>
/// "Delete my account" and quick wipe over HTTP against the real app: a wrong secret loses nothing, the right
/// one deletes the account and only that account, the browser is told to forget the site, and both need a
/// token from the site's own page.
/// </summary>
public sealed class DeleteAccountTests(AccountsApp app) : IClassFixture<AccountsApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_wrong_password_deletes_nothing_says_so_kindly_and_keeps_the_ticked_boxes_but_not_the_secret()
    {
        var (client, userName, _) = await app.SignUpAsync("wrong.secret");
        using (client)
        {
            var page = await DeleteAsync(client, "not my password at all", understood: true);

            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.Contains("That password isn't right, so nothing was deleted.", page.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("not my password at all", page.Html, StringComparison.Ordinal);
            Assert.Matches("<input[^>]*type=\"checkbox\"[^>]*name=\"Input.UnderstandsItIsFinal\"[^>]*checked", page.Html);
            Assert.False(page.Headers.Contains("Clear-Site-Data"));
            Assert.NotNull(await app.FindUserAsync(userName));
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account")).Status);
        }
    }

    [Fact]
    public async Task Without_the_box_ticked_nothing_is_deleted_even_with_the_right_password()
    {
        var (client, userName, _) = await app.SignUpAsync("not.ticked");
        using (client)
        {
            var page = await DeleteAsync(client, AccountsApp.Password, understood: false);

            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.Contains("Please tick the box", page.Text, StringComparison.Ordinal);
            Assert.NotNull(await app.FindUserAsync(userName));
        }
    }

    [Fact]
    public async Task The_right_password_deletes_the_account_signs_out_asks_the_browser_to_forget_the_site_and_lands_on_a_calm_page()
    {
        var (client, userName, _) = await app.SignUpAsync("leaving.now");
        using (client)
        {
            var userId = (await app.FindUserAsync(userName))!.Id;

            var page = await DeleteAsync(client, AccountsApp.Password, understood: true);

            Assert.Equal(HttpStatusCode.Found, page.Status);
            Assert.EndsWith("/account/gone", page.Location, StringComparison.Ordinal);
            AssertClearsSiteData(page);
            Assert.StartsWith(AccountsApp.SessionCookie + "=;", page.SetCookie(AccountsApp.SessionCookie), StringComparison.Ordinal);
            Assert.Null(await app.FindUserAsync(userName));
            await AssertNothingLeftAsync(userId);
            var gone = await client.GetAsync("/account/gone");
            Assert.Contains("Your account is gone", gone.Text, StringComparison.Ordinal);
            Assert.DoesNotContain(userName, gone.Html, StringComparison.Ordinal);
            Assert.Contains("/account/login", (await client.GetAsync("/account")).Location, StringComparison.Ordinal);
        }
        // The old password opens nothing; the username can be chosen again.
        using var again = app.NewClient();
        var signIn = await again.SignInAsync(userName, AccountsApp.Password);
        Assert.Null(signIn.SetCookie(AccountsApp.SessionCookie));
        var registered = await again.RegisterAsync(userName, AccountsApp.Password);
        Assert.NotNull(registered.TextOf(".hc-recovery-key"));
    }

    [Fact]
    public async Task The_recovery_key_instead_of_the_password_deletes_the_account_too()
    {
        var (client, userName, recoveryKey) = await app.SignUpAsync("by.recovery");
        using (client)
        {
            var page = await DeleteAsync(client, recoveryKey, understood: true, isRecoveryKey: true);

            Assert.Equal(HttpStatusCode.Found, page.Status);
            Assert.Null(await app.FindUserAsync(userName));
        }
    }

    [Fact]
    public async Task Deleting_needs_the_antiforgery_token_from_the_page()
    {
        var (client, userName, _) = await app.SignUpAsync("forged.post");
        using (client)
        {
            var page = await client.PostRawAsync("/account/delete", new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [AccountFormClient.HandlerField] = "delete-account",
                ["Input.Secret"] = AccountsApp.Password,
                ["Input.UnderstandsItIsFinal"] = "true",
            });

            Assert.Equal(HttpStatusCode.BadRequest, page.Status);
            Assert.False(page.Headers.Contains("Clear-Site-Data"));
            Assert.NotNull(await app.FindUserAsync(userName));
        }
    }

    [Fact]
    public async Task Deleting_one_account_leaves_another_accounts_sign_in_and_data_as_they_were()
    {
        var (other, otherName, _) = await app.SignUpAsync("stays.here");
        var (client, _, _) = await app.SignUpAsync("goes.away");
        using (other)
        using (client)
        {
            var otherId = (await app.FindUserAsync(otherName))!.Id;
            await using (var db = await app.Contexts.CreateDbContextAsync(Cancel))
            {
                Assert.Equal(1, await db.Keyrings.CountAsync(k => k.UserId == otherId, Cancel));
            }

            Assert.Equal(HttpStatusCode.Found, (await DeleteAsync(client, AccountsApp.Password, understood: true)).Status);

            Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/account")).Status);
            await using var after = await app.Contexts.CreateDbContextAsync(Cancel);
            Assert.Equal(1, await after.Keyrings.CountAsync(k => k.UserId == otherId, Cancel));
            Assert.True(await after.Sessions.AnyAsync(s => s.UserId == otherId, Cancel));
        }
    }

    [Fact]
    public async Task Quick_wipe_with_the_token_deletes_the_account_without_the_password_and_tells_the_browser_to_forget_the_site()
    {
        var (client, userName, _) = await app.SignUpAsync("quick.wipe");
        using (client)
        {
            var userId = (await app.FindUserAsync(userName))!.Id;

            using var response = await WipeAsync(client, await TokenAsync(client));

            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
            Assert.Contains("\"storage\"", string.Join(", ", response.Headers.GetValues("Clear-Site-Data")), StringComparison.Ordinal);
            Assert.Null(await app.FindUserAsync(userName));
            await AssertNothingLeftAsync(userId);
        }
    }

    [Fact]
    public async Task Quick_wipe_works_while_the_saved_data_is_locked()
    {
        var (client, userName, _) = await app.SignUpAsync("locked.wipe");
        using (client)
        {
            var userId = (await app.FindUserAsync(userName))!.Id;
            app.Services.GetRequiredService<UnlockedKeys>().RemoveAllFor(userId); // as auto-lock leaves it

            using var response = await WipeAsync(client, await TokenAsync(client));

            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
            Assert.Null(await app.FindUserAsync(userName));
        }
    }

    [Fact]
    public async Task Quick_wipe_without_the_token_or_from_another_site_deletes_nothing()
    {
        var (client, userName, _) = await app.SignUpAsync("not.wiped");
        using (client)
        {
            var token = await TokenAsync(client);

            using (var noToken = await WipeAsync(client, token with { Token = "" }))
            {
                Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
            }
            using (var elsewhere = await WipeAsync(client, token, origin: "https://elsewhere.example"))
            {
                Assert.Equal(HttpStatusCode.BadRequest, elsewhere.StatusCode);
            }

            Assert.NotNull(await app.FindUserAsync(userName));
            using var anonymous = app.NewClient();
            Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(QuickWipeEndpoints.TokenPath)).Status);
        }
    }

    [Fact]
    public async Task Signed_in_pages_offer_quick_wipe_with_its_shortcut_and_pages_for_nobody_do_not()
    {
        var (client, _, _) = await app.SignUpAsync("sees.wipe");
        using (client)
        {
            var signedIn = await client.GetAsync("/account");
            Assert.Contains("data-quick-wipe", signedIn.Html, StringComparison.Ordinal);
            Assert.Contains("aria-keyshortcuts=\"Alt+Shift+W\"", signedIn.Html, StringComparison.Ordinal);
            Assert.Contains("/account/delete", signedIn.Html, StringComparison.Ordinal);
        }
        using var anonymous = app.NewClient();
        Assert.DoesNotContain("data-quick-wipe", (await anonymous.GetAsync("/")).Html, StringComparison.Ordinal);
    }

    private static Task<PageResponse> DeleteAsync(AccountFormClient client, string secret, bool understood, bool isRecoveryKey = false)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal) { ["Input.Secret"] = secret };
        if (understood)
        {
            fields["Input.UnderstandsItIsFinal"] = "true";
        }
        if (isRecoveryKey)
        {
            fields["Input.UseRecoveryKey"] = "true";
        }
        return client.PostFormAsync("/account/delete", "delete-account", fields);
    }

    private static async Task<QuickWipeEndpoints.QuickWipeToken> TokenAsync(AccountFormClient client)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(QuickWipeEndpoints.TokenPath, UriKind.Relative));
        request.Headers.Add("Sec-Fetch-Site", "same-origin");
        using var response = await client.Http.SendAsync(request, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore);
        return (await response.Content.ReadFromJsonAsync<QuickWipeEndpoints.QuickWipeToken>(Cancel))!;
    }

    private async Task<HttpResponseMessage> WipeAsync(AccountFormClient client, QuickWipeEndpoints.QuickWipeToken token, string? origin = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(QuickWipeEndpoints.WipePath, UriKind.Relative))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>(StringComparer.Ordinal) { [token.Field] = token.Token }),
        };
        request.Headers.Add("Origin", origin ?? app.Server.Origin);
        return await client.Http.SendAsync(request, Cancel);
    }

    private static void AssertClearsSiteData(PageResponse page)
    {
        var clearSiteData = string.Join(", ", page.Headers.GetValues("Clear-Site-Data"));
        Assert.Contains("\"cache\"", clearSiteData, StringComparison.Ordinal);
        Assert.Contains("\"cookies\"", clearSiteData, StringComparison.Ordinal);
        Assert.Contains("\"storage\"", clearSiteData, StringComparison.Ordinal);
    }

    private async Task AssertNothingLeftAsync(string userId)
    {
        await using var db = await app.Contexts.CreateDbContextAsync(Cancel);
        foreach (var table in HealingCompass.Data.Accounts.PersonalTables.Of(db.Model))
        {
            var connection = db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync(Cancel);
            await using var command = connection.CreateCommand();
            command.CommandText = table.CountSql;
            var parameter = command.CreateParameter();
            parameter.ParameterName = HealingCompass.Data.Accounts.PersonalTables.UserParameter;
            parameter.Value = userId;
            command.Parameters.Add(parameter);
            Assert.True((long)(await command.ExecuteScalarAsync(Cancel))! == 0, $"{table.Table} still holds a row of the deleted account.");
        }
    }
}
