using System.Text;
using HealingCompass.Web.Tests.Accounts;
using Microsoft.EntityFrameworkCore;

namespace HealingCompass.Web.Tests.Activity;

/// <summary>
/// Behind a configured proxy, the client's real address reaches the app; the activity log keeps only its /24 or /48.
/// The database file and its -wal and -shm hold no full address, in any encoding, while the app runs.
/// </summary>
public sealed class ActivityAddressTests : IDisposable
{
    private static readonly string[] Suffixes = ["", "-wal", "-shm"];

    private readonly AccountsApp app = new(new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1",
        ["ForwardedHeaders:KnownProxies:1"] = "::1",
    });

    [Fact]
    public async Task Only_the_coarse_network_is_stored_never_the_full_address()
    {
        const string V4 = "203.0.113.77";
        const string V6 = "2001:db8:abcd:12:3456:789a:bcde:f012";
        var (me, userName, _) = await app.SignUpAsync("addresses");
        using (me)
        {
            using var fromV4 = app.NewClient();
            fromV4.Http.DefaultRequestHeaders.Add("X-Forwarded-For", V4);
            using var fromV6 = app.NewClient();
            fromV6.Http.DefaultRequestHeaders.Add("X-Forwarded-For", V6);
            await fromV4.SignInAsync(userName, "a wrong one from v4");
            Assert.True((await fromV6.SignInAsync(userName, AccountsApp.Password)).IsRedirect);

            var page = await fromV6.GetAsync("/account/activity");

            Assert.Contains("network 203.0.113.0/24", page.Text, StringComparison.Ordinal);
            Assert.Contains("network 2001:db8:abcd::/48", page.Text, StringComparison.Ordinal);
            Assert.DoesNotContain(V4, page.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("3456", page.Text, StringComparison.Ordinal);

            await using var db = await app.Contexts.CreateDbContextAsync(TestContext.Current.CancellationToken);
            var networks = await db.Activity.AsNoTracking().Select(a => a.Network).ToListAsync(TestContext.Current.CancellationToken);
            Assert.Contains("203.0.113.0/24", networks);
            Assert.Contains("2001:db8:abcd::/48", networks);

            var files = ReadFiles();
            Assert.Contains(files, f => Contains(f.Bytes, Encoding.UTF8.GetBytes("203.0.113.0/24"))); // the scan sees what is kept
            var needles = new Dictionary<string, byte[]>(StringComparer.Ordinal)
            {
                ["the IPv4 address as text"] = Encoding.UTF8.GetBytes(V4),
                ["the IPv4 address as UTF-16"] = Encoding.Unicode.GetBytes(V4),
                ["the IPv6 address as text"] = Encoding.UTF8.GetBytes(V6),
                ["the IPv6 interface part as text"] = Encoding.UTF8.GetBytes("3456:789a"),
                ["the IPv6 address as 16 bytes"] = System.Net.IPAddress.Parse(V6).GetAddressBytes(),
            };
            foreach (var (name, bytes) in files)
            {
                foreach (var (what, needle) in needles)
                {
                    Assert.False(Contains(bytes, needle), $"Found {what} in {name}.");
                }
            }
        }
    }

    private List<(string Name, byte[] Bytes)> ReadFiles()
    {
        var files = new List<(string, byte[])>();
        foreach (var path in Suffixes.Select(s => app.Server.DatabasePath + s).Where(File.Exists))
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            files.Add((Path.GetFileName(path), copy.ToArray()));
        }
        return files;
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;

    public void Dispose() => app.Dispose();
}
