using System.Net;
using System.Net.Http.Headers;
using System.Text;
using HealingCompass.Web.Tests.Accounts;
using HealingCompass.Web.Tests.Support;

namespace HealingCompass.Web.Tests.Journal;

/// <summary>The open check page limits uploads per address (2 a minute here); looking at it never is.</summary>
public sealed class VerifyUploadLimitTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_third_check_in_a_minute_gets_a_calm_wait_page_while_the_page_itself_still_opens()
    {
        using var app = new AccountsApp(new Dictionary<string, string>(StringComparer.Ordinal) { ["Verify:ChecksPerAddressPerMinute"] = "2" });
        using var client = app.NewClient();

        for (var check = 1; check <= 2; check++)
        {
            using var allowed = await PostAsync(client);
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }
        using var third = await PostAsync(client);
        var text = await third.Content.ReadAsStringAsync(Cancel);
        var page = await client.GetFormAsync("/verify");

        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Contains("Please wait a moment", text, StringComparison.Ordinal);
        Assert.Contains("Your file was not read or kept.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
        Assert.Contains("no-store", third.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, page.Status);
    }

    private static async Task<HttpResponseMessage> PostAsync(AccountFormClient client)
    {
        var page = await client.GetFormAsync("/verify");
        var form = page.Forms.Single(f => f.Hidden.TryGetValue(AccountFormClient.HandlerField, out var h) && h == "verify-export");
        using var body = new MultipartFormDataContent();
        foreach (var (name, value) in form.Hidden)
        {
            body.Add(new StringContent(value), name);
        }
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes("{\"formatVersion\": 1, \"versions\": ["));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        body.Add(file, "export", "journal.json");
        return await client.Http.PostAsync(new Uri("/verify", UriKind.Relative), body, Cancel);
    }
}
