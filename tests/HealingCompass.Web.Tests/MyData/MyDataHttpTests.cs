using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using HealingCompass.Data.Activity;
using HealingCompass.Data.Assessments;
using HealingCompass.Data.Journal;
using HealingCompass.Domain.Activity;
using HealingCompass.Domain.Assessment;
using HealingCompass.Domain.Journal;
using HealingCompass.Domain.MyData;
using HealingCompass.Web.Accounts;
using HealingCompass.Web.Tests.Accounts;
using HealingCompass.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HealingCompass.Web.Tests.MyData;

/// <summary>
/// "Export everything" and "Bring in an export" over real Kestrel: the ZIP only for its signed-in owner with the key
/// unlocked, streamed and never cached; the import page refuses every bad file with a kind message, never a 500,
/// and writes nothing when it refuses.
/// </summary>
public sealed class MyDataHttpTests(AccountsApp app) : IClassFixture<AccountsApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Signed_out_the_export_sends_the_person_to_sign_in_and_gives_no_file()
    {
        using var client = app.NewBareClient();
        using var response = await client.GetAsync(new Uri("/account/export", UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.NotEqual("application/zip", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Signed_in_but_locked_the_export_asks_for_the_password_first_and_gives_no_file()
    {
        var (client, userName, _) = await app.SignUpAsync("carry.locked");
        using (client)
        {
            app.Services.GetRequiredService<UnlockedKeys>().RemoveAllFor((await app.FindUserAsync(userName))!.Id);

            using var response = await client.Http.GetAsync(new Uri("/account/export", UriKind.Relative), Cancel);

            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/account/unlock", response.Headers.Location?.OriginalString, StringComparison.Ordinal);
            Assert.NotEqual("application/zip", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task The_owner_downloads_everything_as_a_zip_that_is_not_cached_has_a_neutral_name_and_holds_only_their_data()
    {
        var (client, userName, _) = await app.SignUpAsync("carry.owner");
        var (other, otherName, _) = await app.SignUpAsync("carry.other");
        using (client)
        using (other)
        {
            var userId = (await app.FindUserAsync(userName))!.Id;
            await WriteAsync(userId, "Owner-only words at the bus stop");
            await WriteAsync((await app.FindUserAsync(otherName))!.Id, "Someone else's words entirely");

            var page = await client.GetFormAsync("/account");
            Assert.Contains("href=\"/account/export\"", page.Html, StringComparison.Ordinal);
            Assert.Contains("not encrypted", page.Text, StringComparison.Ordinal);

            var zip = await DownloadAsync(client.Http);
            using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
            Assert.Equal(MyDataArchive.ReadmeName, archive.Entries[0].FullName);
            var all = string.Join('\n', archive.Entries.Select(Text));
            var journal = JsonNode.Parse(Text(archive.GetEntry("journal.json")!))!;
            var content = Encoding.UTF8.GetString(Convert.FromBase64String(journal["versions"]![0]!["content"]!.GetValue<string>()));
            Assert.Contains("Owner-only words at the bus stop", content, StringComparison.Ordinal);
            Assert.DoesNotContain("Someone else", all, StringComparison.Ordinal);
            Assert.Equal(VersionChain.Fingerprint(await app.Services.GetRequiredService<JournalStore>().GetHeadAsync(userId, Cancel)), journal["head"]!["fingerprint"]!.GetValue<string>());

            // The readable summary and the journal's own report travel with it, as PDFs; the activity as JSON.
            Assert.StartsWith("%PDF-", Text(archive.GetEntry("summary.pdf")!), StringComparison.Ordinal);
            Assert.StartsWith("%PDF-", Text(archive.GetEntry("journal-report.pdf")!), StringComparison.Ordinal);
            var activity = JsonNode.Parse(Text(archive.GetEntry("activity.json")!))!["activity"]!.AsArray();
            Assert.Contains(activity, line => line!["kind"]!.GetValue<string>() == nameof(ActivityKind.AccountCreated) && line["what"]!.GetValue<string>() == "Account made and signed in");

            // The download is a line of the owner's activity, in the activity page's words; not of anyone else's.
            var (lines, _) = await app.Services.GetRequiredService<ActivityStore>().ListAsync(userId, 10, Cancel);
            Assert.Equal(ActivityKind.DataExported, lines[0].Kind);
            var (others, _) = await app.Services.GetRequiredService<ActivityStore>().ListAsync((await app.FindUserAsync(otherName))!.Id, 10, Cancel);
            Assert.DoesNotContain(others, l => l.Kind == ActivityKind.DataExported);
            var activityPage = await client.Http.GetStringAsync(new Uri("/account/activity", UriKind.Relative), Cancel);
            Assert.Contains("Everything exported", activityPage, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_new_account_brings_in_an_export_and_shows_what_came_in_with_the_same_fingerprint()
    {
        // On the same server the journal's entries exist already (their ids are in the hashes), so this export
        // carries answers only; the browser test moves a journal between two servers.
        var (source, sourceName, _) = await app.SignUpAsync("carry.from");
        var (target, targetName, _) = await app.SignUpAsync("carry.into");
        using (source)
        using (target)
        {
            var sourceId = (await app.FindUserAsync(sourceName))!.Id;
            using (var key = (await app.ReadKeyringAsync(sourceId)).UnlockWithPassword(sourceId, AccountsApp.Password))
            {
                await app.Services.GetRequiredService<SavedAssessmentStore>().SaveCompletedAsync(sourceId, key, new AnswerSet().Set("reflection.notes", AnswerValue.FreeText("Answers to carry")), Cancel);
            }
            var zip = await DownloadAsync(source.Http);

            var page = await UploadAsync(target, zip);

            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.Contains("data-import-done", page.Html, StringComparison.Ordinal);
            Assert.Contains("1 saved assessment", page.Text, StringComparison.Ordinal);
            Assert.Contains(VersionChain.Fingerprint(null), page.Text, StringComparison.Ordinal);
            var targetId = (await app.FindUserAsync(targetName))!.Id;
            using var targetKey = (await app.ReadKeyringAsync(targetId)).UnlockWithPassword(targetId, AccountsApp.Password);
            var history = await app.Services.GetRequiredService<SavedAssessmentStore>().LoadHistoryAsync(targetId, targetKey, Cancel);
            Assert.Equal("Answers to carry", Assert.Single(history).Answers["reflection.notes"]!.Value.Text);
            Assert.Contains("were left out", page.Text, StringComparison.Ordinal); // the activity stays behind
            var (lines, _) = await app.Services.GetRequiredService<ActivityStore>().ListAsync(targetId, 10, Cancel);
            Assert.Equal(ActivityKind.DataImported, lines[0].Kind);
            Assert.DoesNotContain(lines, l => l.Kind == ActivityKind.DataExported); // the source's line did not come over

            // A second time, the account has data: refused kindly, nothing doubled.
            var again = await UploadAsync(target, zip);
            Assert.Contains("already has its own", again.Text, StringComparison.Ordinal);
            Assert.Single(await app.Services.GetRequiredService<SavedAssessmentStore>().LoadHistoryAsync(targetId, targetKey, Cancel));
        }
    }

    public static TheoryData<string, string> BadUploads => new()
    {
        { "tampered-journal", "does not check out" },
        { "other-format-version", "format this server does not know (version 2)" },
        { "too-large", "larger than any export this page can bring in (48 MB)" },
        { "broken-json", "broken or cut short" },
        { "traversal", "point outside its own folder" },
        { "bomb", "unpacks to more than" },
        { "journal-only", "no manifest.json" },
        { "empty", "empty" },
    };

    [Theory]
    [MemberData(nameof(BadUploads))]
    public async Task A_bad_upload_is_refused_with_a_kind_message_never_a_500_and_nothing_is_written(string kind, string expected)
    {
        var (source, sourceName, _) = await app.SignUpAsync("carry.src");
        var (target, targetName, _) = await app.SignUpAsync("carry.bad");
        using (source)
        using (target)
        {
            await WriteAsync((await app.FindUserAsync(sourceName))!.Id, "Words for a tampering test");
            var good = await DownloadAsync(source.Http);

            var page = await UploadAsync(target, Bad(kind, good));

            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.Contains("data-import-problem", page.Html, StringComparison.Ordinal);
            Assert.Contains(expected, page.Text, StringComparison.OrdinalIgnoreCase);
            var targetId = (await app.FindUserAsync(targetName))!.Id;
            await using var db = await app.Contexts.CreateDbContextAsync(Cancel);
            Assert.False(await db.SavedAssessments.AnyAsync(a => a.UserId == targetId, Cancel));
            Assert.False(await db.JournalVersions.AnyAsync(v => v.UserId == targetId, Cancel));
            Assert.False(await db.DataImports.AnyAsync(i => i.UserId == targetId, Cancel));
        }
    }

    [Fact]
    public async Task An_upload_well_past_the_export_limit_and_past_the_servers_usual_request_limit_gets_the_kind_message()
    {
        var (target, _, _) = await app.SignUpAsync("carry.huge");
        using (target)
        {
            var page = await UploadAsync(target, new byte[56 * 1024 * 1024]);

            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.Contains("data-import-problem", page.Html, StringComparison.Ordinal);

            Assert.Contains("larger than any export this page can bring in (48 MB)", page.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Signed_out_the_import_page_asks_for_sign_in()
    {
        using var client = app.NewBareClient();
        using var response = await client.GetAsync(new Uri("/import", UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/login", response.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    private static byte[] Bad(string kind, byte[] good) => kind switch
    {
        "tampered-journal" => Rewrite(good, "journal.json", json =>
        {
            var node = JsonNode.Parse(json)!;
            var bytes = Convert.FromBase64String(node["versions"]![0]!["content"]!.GetValue<string>());
            bytes[10] ^= 0x01;
            node["versions"]![0]!["content"] = Convert.ToBase64String(bytes);
            return node.ToJsonString();
        }),
        "other-format-version" => Rewrite(good, "manifest.json", json => json.Replace("\"formatVersion\": 1,", "\"formatVersion\": 2,", StringComparison.Ordinal)),
        "too-large" => [.. good, .. new byte[MyDataArchive.MaxUploadBytes]],
        "broken-json" => Rewrite(good, "check-ins.json", json => json[..(json.Length / 2)]),
        "traversal" => Zip([.. Entries(good), ("../../etc/plan.json", Encoding.UTF8.GetBytes("{}"))]),
        "bomb" => Zip([.. Entries(good), ("attachments/big.bin", new byte[MyDataArchive.MaxPartBytes + 4096])]),
        "journal-only" => Zip(Entries(good).Where(e => e.Name is "README.txt" or "journal.json")),
        "empty" => [],
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private async Task WriteAsync(string userId, string words)
    {
        using var key = (await app.ReadKeyringAsync(userId)).UnlockWithPassword(userId, AccountsApp.Password);
        await app.Services.GetRequiredService<JournalStore>().CreateAsync(userId, key, new EntryContent { WhatHappened = words }, Cancel);
    }

    private static async Task<byte[]> DownloadAsync(HttpClient http)
    {
        using var response = await http.GetAsync(new Uri("/account/export", UriKind.Relative), Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
        Assert.Equal(MyDataArchive.DownloadName, response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        // Streamed: sent in chunks as each part is written, with no length known before.
        Assert.True(response.Headers.TransferEncodingChunked);
        return await response.Content.ReadAsByteArrayAsync(Cancel);
    }

    private static async Task<PageResponse> UploadAsync(AccountFormClient client, byte[] bytes)
    {
        var page = await client.GetFormAsync("/import");
        var form = page.Forms.Single(f => f.Hidden.TryGetValue(AccountFormClient.HandlerField, out var h) && h == "import-export");
        using var body = new MultipartFormDataContent();
        foreach (var (name, value) in form.Hidden)
        {
            body.Add(new StringContent(value), name);
        }
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        body.Add(file, "archive", "data-export.zip");
        using var response = await client.Http.PostAsync(new Uri("/import", UriKind.Relative), body, Cancel);
        Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
        return await PageResponse.ReadAsync(response);
    }

    private static string Text(ZipArchiveEntry entry)
    {
        using var reader = new StreamReader(entry.Open());
        return reader.ReadToEnd();
    }

    private static List<(string Name, byte[] Bytes)> Entries(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        return [.. archive.Entries.Select(e =>
        {
            using var stream = e.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return (e.FullName, copy.ToArray());
        })];
    }

    private static byte[] Rewrite(byte[] zip, string name, Func<string, string> change) =>
        Zip(Entries(zip).Select(e => e.Name == name ? (e.Name, Encoding.UTF8.GetBytes(change(Encoding.UTF8.GetString(e.Bytes)))) : e));

    private static byte[] Zip(IEnumerable<(string Name, byte[] Bytes)> entries)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in entries)
            {
                using var stream = archive.CreateEntry(name, CompressionLevel.SmallestSize).Open();
                stream.Write(bytes);
            }
        }
        return buffer.ToArray();
    }
}
