using System.IO.Compression;
using System.Text;
using HealingCompass.Domain.MyData;

namespace HealingCompass.Domain.Tests.MyData;

public sealed class MyDataArchiveTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_archive_streams_to_a_body_that_refuses_synchronous_writes_with_the_readme_first_and_the_parts_in_order()
    {
        using var body = new AsyncOnlyStream();
        ArchivePart[] parts = [new("manifest.json", "{}"u8.ToArray()), new("plan.json", Encoding.UTF8.GetBytes(new string('p', 200_000)), 1), new("attachments/a.bin", [1, 2, 3])];

        await MyDataArchive.WriteAsync(body, "THIS FILE IS NOT ENCRYPTED.", parts, cancellationToken: Cancel);

        var read = MyDataArchive.Read(new MemoryStream(body.Written.ToArray()));
        Assert.Null(read.ProblemMessage);
        using var zip = new ZipArchive(new MemoryStream(body.Written.ToArray()), ZipArchiveMode.Read);
        Assert.Equal(["README.txt", "manifest.json", "plan.json", "attachments/a.bin"], zip.Entries.Select(e => e.FullName));
        Assert.Equal(200_000, read.Parts!["plan.json"].Length);
        Assert.Equal([1, 2, 3], read.Parts["attachments/a.bin"]);
        // Sent part by part, not as one buffer at the end.
        Assert.True(body.Writes >= parts.Length + 1);
    }

    [Fact]
    public async Task Streamed_parts_follow_the_listed_ones_in_order_and_stored_files_are_not_compressed_again()
    {
        using var body = new AsyncOnlyStream();
        var photo = new byte[50_000]; // zeros would shrink a thousandfold if they were deflated
        await MyDataArchive.WriteAsync(body, "THIS FILE IS NOT ENCRYPTED.", [new("manifest.json", "{}"u8.ToArray())], Streamed(photo), Cancel);

        using var zip = new ZipArchive(new MemoryStream(body.Written.ToArray()), ZipArchiveMode.Read);
        Assert.Equal(["README.txt", "manifest.json", "attachments/originals/a.jpg", "attachments/originals/b.jpg"], zip.Entries.Select(e => e.FullName));
        Assert.All(zip.Entries.Skip(2), e => Assert.Equal(e.Length, e.CompressedLength));
        Assert.Equal(photo.Length, MyDataArchive.Read(new MemoryStream(body.Written.ToArray())).Parts!["attachments/originals/b.jpg"].Length);
    }

    private static async IAsyncEnumerable<ArchivePart> Streamed(byte[] photo)
    {
        await Task.Yield();
        yield return new ArchivePart("attachments/originals/a.jpg", photo, Stored: true);
        await Task.Yield();
        yield return new ArchivePart("attachments/originals/b.jpg", photo, Stored: true);
    }

    [Fact]
    public void The_manifest_lists_every_part_with_its_format_version_and_reads_back()
    {
        var at = new DateTimeOffset(2026, 12, 2, 20, 0, 0, TimeSpan.Zero);
        var manifest = MyDataManifest.For(at, [new ArchivePart("plan.json", [], 1), new ArchivePart("attachments/a.bin", [])]);

        var (read, problem) = MyDataManifest.Read(MyDataManifest.Write(manifest));

        Assert.Null(problem);
        Assert.Equal(at, read!.ExportedAt);
        Assert.Equal([new ManifestPart("plan.json", 1), new ManifestPart("attachments/a.bin", null)], read.Parts);
    }

    [Theory]
    [InlineData("{\"format\":\"healingcompass.my-data\",\"formatVersion\":3,\"exportedAt\":\"2026-01-01T00:00:00Z\",\"parts\":[]}", "(version 3)")]
    [InlineData("{\"format\":\"something.else\",\"formatVersion\":1}", "not one HealingCompass writes")]
    [InlineData("{\"format\":\"healingcompass.my-data\",\"formatVersion\":1", "broken or cut short")]
    [InlineData("{\"format\":\"healingcompass.my-data\",\"formatVersion\":1,\"exportedAt\":\"2026-01-01T00:00:00Z\"}", "broken or cut short")]
    public void A_manifest_that_is_not_right_is_named_kindly(string json, string expected)
    {
        var (read, problem) = MyDataManifest.Read(Encoding.UTF8.GetBytes(json));

        Assert.Null(read);
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    /// <summary>Like a Kestrel response body: asynchronous writes only, no seeking.</summary>
    private sealed class AsyncOnlyStream : Stream
    {
        public MemoryStream Written { get; } = new();

        public int Writes { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Writes++;
            Written.Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public override void Write(byte[] buffer, int offset, int count) => throw new InvalidOperationException("Synchronous operations are disallowed.");

        public override void Flush() => throw new InvalidOperationException("Synchronous operations are disallowed.");

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                Written.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
