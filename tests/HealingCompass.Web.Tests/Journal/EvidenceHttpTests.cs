using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using HealingCompass.Data.Journal;
using HealingCompass.Domain.Journal;
using HealingCompass.Domain.Journal.Evidence;
using HealingCompass.Web.Tests.Accounts;
using HealingCompass.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace HealingCompass.Web.Tests.Journal;

/// <summary>
/// The export download and the /verify page over real Kestrel: the ZIP only for its signed-in owner, never cached,
/// the same head twice; /verify for anyone, with a kind message for every bad file and never a 500.
/// </summary>
public sealed class EvidenceHttpTests(AccountsApp app) : IClassFixture<AccountsApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_owner_downloads_a_zip_that_is_not_cached_verifies_on_the_verify_page_and_gives_the_same_head_twice()
    {
        var (client, userName, _) = await app.SignUpAsync("exporter");
        using (client)
        {
            var userId = (await app.FindUserAsync(userName))!.Id;
            using (var key = (await app.ReadKeyringAsync(userId)).UnlockWithPassword(userId, AccountsApp.Password))
            {
                var store = app.Services.GetRequiredService<JournalStore>();
                var id = (await store.CreateAsync(userId, key, new EntryContent { WhatHappened = "Something that happened on Tuesday" }, Cancel)).EntryId!.Value;
                await store.EditAsync(userId, key, id, new EntryContent { WhatHappened = "Something that happened on Tuesday evening" }, null, Cancel);
            }
            var head = await app.Services.GetRequiredService<JournalStore>().GetHeadAsync(userId, Cancel);

            var first = await DownloadAsync(client.Http);
            var second = await DownloadAsync(client.Http);

            Assert.Equal(VersionChain.Fingerprint(head), Fingerprint(first));
            Assert.Equal(Fingerprint(first), Fingerprint(second));

            // Anyone, signed out, checks it on /verify.
            using var stranger = app.NewClient();
            var page = await UploadAsync(stranger, "journal-export.zip", first);
            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.Contains("data-verify-result=\"verified\"", page.Html, StringComparison.Ordinal);
            Assert.Contains(VersionChain.Fingerprint(head), page.Text, StringComparison.Ordinal);
            Assert.Contains("2 versions", page.Text, StringComparison.Ordinal);

            // One changed byte of content is named.
            var tampered = Encoding.UTF8.GetString(JsonOf(first));
            var content = System.Text.Json.Nodes.JsonNode.Parse(tampered)!;
            var bytes = Convert.FromBase64String(content["versions"]![0]!["content"]!.GetValue<string>());
            bytes[10] ^= 0x01;
            content["versions"]![0]!["content"] = Convert.ToBase64String(bytes);
            var broken = await UploadAsync(stranger, "journal.json", Encoding.UTF8.GetBytes(content.ToJsonString()));
            Assert.Contains("data-verify-result=\"changed-content\"", broken.Html, StringComparison.Ordinal);
            Assert.Contains("has content that is not what was written", broken.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_pdf_comes_alone_or_inside_the_zip_and_a_period_export_verifies_with_the_other_versions_named_as_outside()
    {
        var (client, userName, _) = await app.SignUpAsync("reporter");
        using (client)
        {
            var userId = (await app.FindUserAsync(userName))!.Id;
            using (var key = (await app.ReadKeyringAsync(userId)).UnlockWithPassword(userId, AccountsApp.Password))
            {
                var store = app.Services.GetRequiredService<JournalStore>();
                await store.CreateAsync(userId, key, new EntryContent { WhatHappened = "The March telling", Happened = new HappenedAt(new DateOnly(2026, 3, 10)) }, Cancel);
                await store.CreateAsync(userId, key, new EntryContent { WhatHappened = "The January telling", Happened = new HappenedAt(new DateOnly(2026, 1, 10)) }, Cancel);
            }
            var fingerprint = VersionChain.Fingerprint(await app.Services.GetRequiredService<JournalStore>().GetHeadAsync(userId, Cancel));

            using var pdfResponse = await client.Http.GetAsync(new Uri("/journal-export?format=pdf&range=period&from=2026-03-01&to=2026-03-31", UriKind.Relative), Cancel);
            Assert.Equal(HttpStatusCode.OK, pdfResponse.StatusCode);
            Assert.Equal("application/pdf", pdfResponse.Content.Headers.ContentType?.MediaType);
            Assert.Contains("no-store", pdfResponse.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
            Assert.Equal(EvidenceZip.ReportName, pdfResponse.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
            var pdfText = PdfText(await pdfResponse.Content.ReadAsByteArrayAsync(Cancel));
            Assert.Contains(fingerprint, pdfText, StringComparison.Ordinal);
            Assert.Contains("The March telling", pdfText, StringComparison.Ordinal);
            Assert.DoesNotContain("The January telling", pdfText, StringComparison.Ordinal);

            var zip = await DownloadAsync(client.Http, "/journal-export?format=zip&range=period&from=2026-03-01&to=2026-03-31");
            using (var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read))
            {
                Assert.Equal([EvidenceZip.ReadmeName, JournalExport.FileName, EvidenceZip.ReportName], archive.Entries.Select(e => e.FullName));
            }
            using var stranger = app.NewClient();
            var page = await UploadAsync(stranger, "journal-export.zip", zip);
            Assert.Contains("data-verify-result=\"verified\"", page.Html, StringComparison.Ordinal);
            Assert.Contains("1 version is outside the chosen period: its hashes check, its words are not in this file.", page.Text, StringComparison.Ordinal);
            // This was the person's third export (PDF, ZIP): the earlier head is listed and confirmed.
            Assert.Contains($"Your earlier fingerprint {fingerprint} matches this chain at version 2 of 2", page.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_fingerprint_typed_on_the_verify_page_is_found_at_its_version_or_said_not_to_match()
    {
        var (client, userName, _) = await app.SignUpAsync("typist");
        using (client)
        {
            var userId = (await app.FindUserAsync(userName))!.Id;
            var store = app.Services.GetRequiredService<JournalStore>();
            string early;
            using (var key = (await app.ReadKeyringAsync(userId)).UnlockWithPassword(userId, AccountsApp.Password))
            {
                await store.CreateAsync(userId, key, new EntryContent { WhatHappened = "First" }, Cancel);
                early = VersionChain.Fingerprint(await store.GetHeadAsync(userId, Cancel));
                await store.CreateAsync(userId, key, new EntryContent { WhatHappened = "Second" }, Cancel);
            }
            var zip = await DownloadAsync(client.Http);
            using var stranger = app.NewClient();

            var found = await UploadAsync(stranger, "journal-export.zip", zip, early.ToLowerInvariant());
            Assert.Contains("data-verify-typed=\"matches\"", found.Html, StringComparison.Ordinal);
            Assert.Contains($"Your earlier fingerprint {early} matches this chain at version 1 of 2: nothing up to then was rewritten.", found.Text, StringComparison.Ordinal);

            var other = await UploadAsync(stranger, "journal-export.zip", zip, "0123 4567 89AB CDEF");
            Assert.Contains("data-verify-typed=\"no-match\"", other.Html, StringComparison.Ordinal);

            var notOne = await UploadAsync(stranger, "journal-export.zip", zip, "hello");
            Assert.Contains("data-verify-typed=\"unreadable\"", notOne.Html, StringComparison.Ordinal);
            Assert.Contains("is not one", notOne.Text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("/journal-export?range=period&from=2026-13-45")]
    [InlineData("/journal-export?range=period&from=tuesday&to=2026-03-01")]
    [InlineData("/journal-export?format=docx")]
    [InlineData("/journal-export?range=someday")]
    [InlineData("/journal-export?format=pdf&format=zip")]
    public async Task An_export_address_that_cannot_be_read_goes_back_to_the_form_kindly_and_never_a_500(string address)
    {
        var (client, _, _) = await app.SignUpAsync("badperiod");
        using (client)
        {
            using var response = await client.Http.GetAsync(new Uri(address, UriKind.Relative), Cancel);

            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/journal?export=period#journal-export-title", response.Headers.Location?.OriginalString);
        }
    }

    [Fact]
    public async Task Signed_out_the_export_address_sends_the_person_to_the_journal_page_and_gives_no_file()
    {
        using var client = app.NewBareClient();
        using var response = await client.GetAsync(new Uri("/journal-export", UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/journal", response.Headers.Location?.OriginalString);
        Assert.NotEqual("application/zip", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_verify_page_works_without_an_account_and_says_the_file_is_not_kept()
    {
        using var client = app.NewClient();
        var page = await client.GetFormAsync("/verify");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("is not kept anywhere", page.Text, StringComparison.Ordinal);
        Assert.Contains("16 MB", page.Text, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> BadFiles => new()
    {
        { "empty", "the file is empty" },
        { "broken-json", "its JSON is broken" },
        { "wrong-version", "a format this page does not know" },
        { "traversal-zip", "point outside its own folder" },
        { "no-journal-zip", "has no journal.json" },
        { "bomb-zip", "unpacks to more than" },
        { "oversized", "larger than any journal export" },
        { "damaged-zip", "damaged or cut short" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task A_bad_file_gets_a_kind_message_and_never_a_500(string name, string expected)
    {
        using var client = app.NewClient();
        var page = await UploadAsync(client, name, BadFile(name));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("data-verify-problem", page.Html, StringComparison.Ordinal);
        Assert.Contains(expected, page.Text, StringComparison.OrdinalIgnoreCase);
    }

    private static byte[] BadFile(string name) => name switch
    {
        "empty" => [],
        "broken-json" => Encoding.UTF8.GetBytes("{\"formatVersion\": 1, \"versions\": ["),
        "wrong-version" => Encoding.UTF8.GetBytes("{\"formatVersion\": 99, \"head\": {\"length\": 0, \"hash\": \"\"}, \"versions\": []}"),
        "traversal-zip" => Zip(("../../etc/journal.json", Encoding.UTF8.GetBytes("{}")), ("journal.json", Encoding.UTF8.GetBytes("{}"))),
        "no-journal-zip" => Zip(("notes.txt", Encoding.UTF8.GetBytes("hello"))),
        // Zeros compress about a thousandfold: a small upload that would unpack past the limit.
        "bomb-zip" => Zip(("journal.json", new byte[JournalExportJson.MaxBytes + 4096])),
        "oversized" => new byte[JournalExportJson.MaxBytes + 1],
        "damaged-zip" => [.. Zip(("journal.json", Encoding.UTF8.GetBytes(new string('x', 5000))))[..60]],
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    private static async Task<byte[]> DownloadAsync(HttpClient http, string address = "/journal-export")
    {
        using var response = await http.GetAsync(new Uri(address, UriKind.Relative), Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
        Assert.Equal("journal-export.zip", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        return await response.Content.ReadAsByteArrayAsync(Cancel);
    }

    private static byte[] JsonOf(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        Assert.Equal(EvidenceZip.ReadmeName, archive.Entries[0].FullName);
        using var stream = archive.GetEntry(JournalExport.FileName)!.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static string Fingerprint(byte[] zip) => JournalExportJson.Read(JsonOf(zip)).Export!.Fingerprint;

    private static string PdfText(byte[] pdf)
    {
        var path = Path.Combine(Path.GetTempPath(), $"hc-http-report-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(path, pdf);
        try
        {
            return JournalReportPdfTests.Run("pdftotext", path, "-");
        }
        finally
        {
            File.Delete(path);
        }
    }

    internal static async Task<PageResponse> UploadAsync(AccountFormClient client, string fileName, byte[] bytes, string? earlier = null)
    {
        var page = await client.GetFormAsync("/verify");
        var form = page.Forms.Single(f => f.Hidden.TryGetValue(AccountFormClient.HandlerField, out var h) && h == "verify-export");
        using var body = new MultipartFormDataContent();
        foreach (var (name, value) in form.Hidden)
        {
            body.Add(new StringContent(value), name);
        }
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        body.Add(file, "export", fileName);
        if (earlier is not null)
        {
            body.Add(new StringContent(earlier), "earlier");
        }
        using var response = await client.Http.PostAsync(new Uri("/verify", UriKind.Relative), body, Cancel);
        Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
        return await PageResponse.ReadAsync(response);
    }

    private static byte[] Zip(params (string Name, byte[] Bytes)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in entries)
            {
                using var stream = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open();
                stream.Write(bytes);
            }
        }
        return buffer.ToArray();
    }
}
