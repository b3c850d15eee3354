using System.Text;

namespace HealingCompass.Data.Tests.Support;

/// <summary>A sentinel saved as sensitive data, and the byte patterns that would show it in a database file.</summary>
internal static class Sentinels
{
    public static string New() => $"SENTINEL-{Guid.NewGuid():N}-must-never-be-stored";

    /// <summary>The sentinel and a long distinctive part of it, in the encodings a database could store or dump it in.</summary>
    public static Dictionary<string, byte[]> Needles(string sentinel)
    {
        var distinctive = sentinel.Substring("SENTINEL-".Length, 32); // the random part alone
        return new Dictionary<string, byte[]>(StringComparer.Ordinal)
        {
            ["UTF-8 sentinel"] = Encoding.UTF8.GetBytes(sentinel),
            ["UTF-16LE sentinel"] = Encoding.Unicode.GetBytes(sentinel),
            ["UTF-8 distinctive part"] = Encoding.UTF8.GetBytes(distinctive),
            ["UTF-16LE distinctive part"] = Encoding.Unicode.GetBytes(distinctive),
        };
    }

    public static void AssertFoundNowhere(IReadOnlyList<DatabaseFile> files, Dictionary<string, byte[]> needles, string when)
    {
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            foreach (var (what, needle) in needles)
            {
                Assert.False(file.Contains(needle), $"Found the {what} in {file} {when}.");
                // pg_dump writes a bytea column as hex text: a sentinel stored as bytes would show there this way.
                Assert.False(file.IsDump && file.Contains(Encoding.ASCII.GetBytes(Convert.ToHexStringLower(needle))), $"Found the {what}, as hex, in {file} {when}.");
            }
        }
    }
}
