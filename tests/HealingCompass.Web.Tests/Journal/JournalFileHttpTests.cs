using System.Net;
using HealingCompass.Data.Journal;
using HealingCompass.Data.Journal.Attachments;
using HealingCompass.Data.Tests.Support;
using HealingCompass.Domain.Journal;
using HealingCompass.Web.Accounts;
using HealingCompass.Web.Tests.Accounts;
using MetadataExtractor;
using MetadataExtractor.Formats.Exif;
using Microsoft.Extensions.DependencyInjection;

namespace HealingCompass.Web.Tests.Journal;

/// <summary>
/// /journal-file over real Kestrel: the original or a metadata-free copy for its owner only, as a download with a
/// neutral name that is never cached and runs nothing; the same not-found for anyone else's id or a made-up one;
/// locked, the unlock page.
/// </summary>
public sealed class JournalFileHttpTests(AccountsApp app) : IClassFixture<AccountsApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_owner_downloads_the_exact_original_as_an_attachment_with_a_neutral_name_never_cached_and_under_a_sandbox()
    {
        var (client, userName, _) = await app.SignUpAsync("file.owner");
        using (client)
        {
            var (_, file, photo) = await AddPhotoAsync(userName);

            using var response = await client.Http.GetAsync(new Uri($"/journal-file?id={file.Id:D}", UriKind.Relative), Cancel);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(photo, await response.Content.ReadAsByteArrayAsync(Cancel));
            Assert.Equal("image/jpeg", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
            Assert.Equal("journal-file.jpg", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
            Assert.DoesNotContain("IMG_0042", response.Content.Headers.ContentDisposition?.ToString() ?? "", StringComparison.OrdinalIgnoreCase);
            Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
            Assert.Equal("nosniff", Single(response, "X-Content-Type-Options"));
            Assert.Equal("sandbox; default-src 'none'; base-uri 'none'; frame-ancestors 'none'", Single(response, "Content-Security-Policy"));
        }
    }

    [Fact]
    public async Task The_copy_without_metadata_has_no_gps_time_or_device_and_a_pdf_gets_a_kind_word_instead()
    {
        var (client, userName, _) = await app.SignUpAsync("file.clean");
        using (client)
        {
            var (userId, file, _) = await AddPhotoAsync(userName);

            using var response = await client.Http.GetAsync(new Uri($"/journal-file?id={file.Id:D}&copy=clean", UriKind.Relative), Cancel);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("journal-file-without-metadata.jpg", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
            Assert.Equal("sandbox; default-src 'none'; base-uri 'none'; frame-ancestors 'none'", Single(response, "Content-Security-Policy"));
            var read = ImageMetadataReader.ReadMetadata(new MemoryStream(await response.Content.ReadAsByteArrayAsync(Cancel)));
            Assert.Empty(read.OfType<GpsDirectory>());
            Assert.Empty(read.OfType<ExifIfd0Directory>());

            var pdf = await AddAsync(userId, "letter.pdf", TestFiles.PdfWith("a letter"));
            using var refused = await client.Http.GetAsync(new Uri($"/journal-file?id={pdf.Id:D}&copy=clean", UriKind.Relative), Cancel);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
            Assert.Contains("left exactly as it was", await refused.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Another_persons_file_id_a_made_up_one_and_a_malformed_one_get_the_same_not_found()
    {
        var (owner, ownerName, _) = await app.SignUpAsync("file.a");
        var (other, _, _) = await app.SignUpAsync("file.b");
        using (owner)
        using (other)
        {
            var (_, file, _) = await AddPhotoAsync(ownerName);
            var answers = new List<(HttpStatusCode, string, string?)>();
            foreach (var id in new[] { file.Id.ToString("D"), Guid.NewGuid().ToString("D"), "not-an-id" })
            {
                using var response = await other.Http.GetAsync(new Uri($"/journal-file?id={id}", UriKind.Relative), Cancel);
                answers.Add((response.StatusCode, await response.Content.ReadAsStringAsync(Cancel), response.Content.Headers.ContentType?.MediaType));
            }

            Assert.All(answers, a => Assert.Equal(HttpStatusCode.NotFound, a.Item1));
            Assert.Single(answers.Distinct());
            Assert.Contains("couldn't find that file", answers[0].Item2, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Locked_the_file_address_goes_to_the_unlock_page_and_signed_out_to_the_journal()
    {
        var (client, userName, _) = await app.SignUpAsync("file.locked");
        using (client)
        {
            var (userId, file, _) = await AddPhotoAsync(userName);
            app.Services.GetRequiredService<UnlockedKeys>().RemoveAllFor(userId);

            using var locked = await client.Http.GetAsync(new Uri($"/journal-file?id={file.Id:D}", UriKind.Relative), Cancel);

            Assert.Equal(HttpStatusCode.Redirect, locked.StatusCode);
            Assert.Equal($"/account/unlock?returnUrl={Uri.EscapeDataString($"/journal-file?id={file.Id:D}")}", locked.Headers.Location?.OriginalString);
        }
        using var bare = app.NewBareClient();
        using var signedOut = await bare.GetAsync(new Uri($"/journal-file?id={Guid.NewGuid():D}", UriKind.Relative), Cancel);
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal("/journal", signedOut.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task The_exported_zip_carries_the_file_and_the_verify_page_checks_it_and_names_a_changed_one()
    {
        var (client, userName, _) = await app.SignUpAsync("file.export");
        using (client)
        {
            var (_, file, _) = await AddPhotoAsync(userName);
            using var response = await client.Http.GetAsync(new Uri("/journal-export", UriKind.Relative), Cancel);
            var zip = await response.Content.ReadAsByteArrayAsync(Cancel);
            using var stranger = app.NewClient();

            var verified = await EvidenceHttpTests.UploadAsync(stranger, "journal-export.zip", zip);
            Assert.Contains("data-verify-result=\"verified\"", verified.Html, StringComparison.Ordinal);
            Assert.Contains("All 1 attached file is exactly as added", verified.Text, StringComparison.Ordinal);

            var broken = await EvidenceHttpTests.UploadAsync(stranger, "journal-export.zip", ChangeOneByte(zip, $"attachments/originals/{file.Sha256}.jpg"));
            Assert.Contains("data-verify-result=\"changed-file\"", broken.Html, StringComparison.Ordinal);
            Assert.Contains("“IMG_0042.JPG”", broken.Text, StringComparison.Ordinal);
            Assert.Contains("is not what was added", broken.Text, StringComparison.Ordinal);
        }
    }

    private static byte[] ChangeOneByte(byte[] zipBytes, string name)
    {
        using var source = new System.IO.Compression.ZipArchive(new MemoryStream(zipBytes), System.IO.Compression.ZipArchiveMode.Read);
        using var buffer = new MemoryStream();
        using (var target = new System.IO.Compression.ZipArchive(buffer, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries)
            {
                using var copy = new MemoryStream();
                using (var stream = entry.Open())
                {
                    stream.CopyTo(copy);
                }
                var bytes = copy.ToArray();
                if (entry.FullName == name)
                {
                    bytes[^3] ^= 0x01;
                }
                using var written = target.CreateEntry(entry.FullName).Open();
                written.Write(bytes);
            }
        }
        return buffer.ToArray();
    }

    private async Task<(string UserId, EntryAttachment File, byte[] Photo)> AddPhotoAsync(string userName)
    {
        var userId = (await app.FindUserAsync(userName))!.Id;
        var photo = TestFiles.JpegWithGps();
        return (userId, await AddAsync(userId, "IMG_0042.JPG", photo), photo);
    }

    private async Task<EntryAttachment> AddAsync(string userId, string name, byte[] bytes)
    {
        using var key = (await app.ReadKeyringAsync(userId)).UnlockWithPassword(userId, AccountsApp.Password);
        var journal = app.Services.GetRequiredService<JournalStore>();
        var entries = await journal.AllAsync(userId, key, Cancel);
        var entryId = entries.Count > 0 ? entries[0].Id : (await journal.CreateAsync(userId, key, new EntryContent { WhatHappened = "A photo of the door" }, Cancel)).EntryId!.Value;
        var added = await app.Services.GetRequiredService<JournalAttachmentStore>().AddAsync(userId, key, entryId, name, new MemoryStream(bytes), Cancel);
        Assert.True(added.Saved, added.Message);
        return added.Attachment!;
    }

    private static string Single(HttpResponseMessage response, string header) =>
        Assert.Single(response.Headers.TryGetValues(header, out var values) ? values : response.Content.Headers.TryGetValues(header, out var content) ? content : []);
}
