using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using HealingCompass.Domain.Journal;
using HealingCompass.Domain.Journal.Evidence;

namespace HealingCompass.Domain.Tests.Journal.Evidence;

public sealed class EvidenceZipTests
{
    [Fact]
    public void The_archive_written_reads_back_and_verifies_with_the_readme_first()
    {
        var chain = ChainBuilder.Random(3, 12);
        var export = new JournalExport(DateTimeOffset.UnixEpoch, [.. chain.Versions.Select(v =>
        {
            var kept = chain.Contents.TryGetValue(v.Id, out var c);
            return new ExportedVersion(v.EntryId, v.VersionNumber, v.Kind, v.WrittenAt.ToUnixTimeMilliseconds(), v.PreviousHash, kept ? c.Salt : null, kept ? c.Content : null, v.ContentDigest, v.Hash);
        })], chain.Head);
        using var buffer = new MemoryStream();
        EvidenceZip.Write(buffer, export);

        buffer.Position = 0;
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Read, leaveOpen: true))
        {
            Assert.Equal(EvidenceZip.ReadmeName, zip.Entries[0].FullName);
        }
        buffer.Position = 0;
        var read = EvidenceZip.ReadUpload(buffer);
        Assert.True(ExportVerifier.Verify(read.Export!).Verified);
        Assert.Equal(VersionChain.Fingerprint(chain.Head), read.Export!.Fingerprint);
    }

    [Fact]
    public async Task The_archive_streams_to_a_body_that_cannot_seek_with_the_report_last_and_reads_back()
    {
        var chain = ChainBuilder.Random(5, 10);
        var export = new JournalExport(DateTimeOffset.UnixEpoch, [.. chain.Versions.Select(v =>
        {
            var kept = chain.Contents.TryGetValue(v.Id, out var c);
            return new ExportedVersion(v.EntryId, v.VersionNumber, v.Kind, v.WrittenAt.ToUnixTimeMilliseconds(), v.PreviousHash, kept ? c.Salt : null, kept ? c.Content : null, v.ContentDigest, v.Hash);
        })], chain.Head);
        var report = Encoding.ASCII.GetBytes("%PDF-1.7 stand-in bytes");
        using var written = new MemoryStream();
        await using (var body = new ForwardOnly(written))
        {
            await EvidenceZip.WriteAsync(body, export, report, cancellationToken: TestContext.Current.CancellationToken);
        }

        written.Position = 0;
        using (var zip = new ZipArchive(written, ZipArchiveMode.Read, leaveOpen: true))
        {
            Assert.Equal([EvidenceZip.ReadmeName, JournalExport.FileName, EvidenceZip.ReportName], zip.Entries.Select(e => e.FullName));
            using var pdf = new MemoryStream();
            await using (var stream = await zip.Entries[2].OpenAsync(TestContext.Current.CancellationToken))
            {
                await stream.CopyToAsync(pdf, TestContext.Current.CancellationToken);
            }
            Assert.Equal(report, pdf.ToArray());
        }
        written.Position = 0;
        Assert.True(ExportVerifier.Verify(EvidenceZip.ReadUpload(written).Export!).Verified);
    }

    [Theory]
    [InlineData("../journal.json")]
    [InlineData("a/../../journal.json")]
    [InlineData("/etc/journal.json")]
    [InlineData("..\\journal.json")]
    [InlineData("C:journal.json")]
    public void Names_that_climb_out_of_the_folder_are_refused(string name) => Assert.True(EvidenceZip.Unsafe(name));

    [Theory]
    [InlineData("journal.json")]
    [InlineData("README.txt")]
    [InlineData("attachments/a..b.png")]
    public void Ordinary_names_are_allowed(string name) => Assert.False(EvidenceZip.Unsafe(name));

    [Fact]
    public void A_zip_whose_headers_understate_a_huge_journal_json_is_refused_kindly_without_an_exception()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var stream = zip.CreateEntry(JournalExport.FileName, CompressionLevel.SmallestSize).Open();
            stream.Write(new byte[JournalExportJson.MaxBytes * 2]);
        }
        var bytes = buffer.ToArray();
        // Claim 100 bytes uncompressed in both the local header and the central directory, as a bomb would.
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(22), 100);
        var central = bytes.AsSpan().LastIndexOf((ReadOnlySpan<byte>)[0x50, 0x4b, 0x01, 0x02]);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(central + 24), 100);

        var read = EvidenceZip.ReadUpload(new MemoryStream(bytes));

        Assert.Null(read.Export);
        Assert.False(string.IsNullOrWhiteSpace(read.ProblemMessage));
    }

    [Fact]
    public void A_plain_json_upload_is_read_as_journal_json()
    {
        var read = EvidenceZip.ReadUpload(new MemoryStream(Encoding.UTF8.GetBytes("{\"formatVersion\": 1, \"head\": {\"length\": 0, \"hash\": \"\"}, \"versions\": []}")));

        Assert.True(ExportVerifier.Verify(read.Export!).Verified);
    }

    /// <summary>A response body: written forwards only, no seeking, no length, no synchronous writes.</summary>
    private sealed class ForwardOnly(Stream inner) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new InvalidOperationException("Synchronous writes are not allowed on a response body.");

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => inner.WriteAsync(buffer, cancellationToken);

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => inner.WriteAsync(buffer, offset, count, cancellationToken);
    }
}
