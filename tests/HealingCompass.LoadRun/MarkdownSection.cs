namespace HealingCompass.LoadRun;

/// <summary>
/// The part of docs/performance.md a load run rewrites: the lines between <c>&lt;!-- KEY:start --&gt;</c> and
/// <c>&lt;!-- KEY:end --&gt;</c> (KEY is <c>loadrun</c> for the first-load and heap run, <c>NAME-loadrun</c> for the others). A marker counts only as a line of its own, so a command in the prose or in
/// a code block that mentions the markers is never taken for them.
/// </summary>
internal static class MarkdownSection
{
    public static string Start(string key) => $"<!-- {key}:start -->";

    public static string End(string key) => $"<!-- {key}:end -->";

    /// <summary>Replaces the section's lines; false (and nothing written) when the file has no such section.</summary>
    public static bool TryReplace(string path, string key, string markdown)
    {
        var lines = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').ToList();
        var start = lines.IndexOf(Start(key));
        var end = start < 0 ? -1 : lines.IndexOf(End(key), start + 1);
        if (start < 0 || end < 0)
        {
            Console.Error.WriteLine($"{path} has no line {Start(key)} followed by a line {End(key)}.");
            return false;
        }
        lines.RemoveRange(start + 1, end - start - 1);
        lines.Insert(start + 1, markdown.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd());
        File.WriteAllText(path, string.Join('\n', lines));
        Console.Error.WriteLine($"Wrote the figures into {path}.");
        return true;
    }
}
