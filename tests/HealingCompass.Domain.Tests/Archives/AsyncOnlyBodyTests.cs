using HealingCompass.Domain.Archives;

namespace HealingCompass.Domain.Tests.Archives;

/// <summary>
/// The one stream both streamed ZIPs write through: synchronous writes wait in memory for a drain, asynchronous ones
/// go straight on after them, in order, and the position counts every byte (ZipArchive records file offsets by it).
/// </summary>
public sealed class AsyncOnlyBodyTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Synchronous_writes_are_held_until_a_drain_and_asynchronous_ones_follow_them_in_order()
    {
        using var inner = new MemoryStream();
        await using var body = new AsyncOnlyBody(inner);

        body.Write([1, 2]);
        body.Write([3], 0, 1);
        body.Flush();
        Assert.Equal(0, inner.Length);
        Assert.Equal(3, body.Held);
        Assert.Equal(3, body.Position);

        await body.WriteAsync(new byte[] { 4, 5 }, Cancel);
        Assert.Equal([1, 2, 3, 4, 5], inner.ToArray());
        Assert.Equal(0, body.Held);

        body.Write([6]);
        await body.DrainAsync(Cancel);
        Assert.Equal([1, 2, 3, 4, 5, 6], inner.ToArray());
        Assert.Equal(6, body.Position);
        Assert.False(body.CanRead);
        Assert.False(body.CanSeek);
        Assert.Throws<NotSupportedException>(() => body.Seek(0, SeekOrigin.Begin));
    }
}
