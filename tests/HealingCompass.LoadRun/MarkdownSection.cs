namespace HealingCompass.LoadRun;

/// <summary>
/// The part of docs/performance.md a load run rewrites: the lines between <c>&lt;!-- NAME-loadrun:start --&gt;</c> and
/// <c>&lt;!-- NAME-loadrun:end --&gt;</c>. A marker counts only as a line of its own, so a command in the prose or in
/// a code block that mentions the markers is never taken for them.
/// </summary>
internal static class MarkdownSection
{
    public static string Start(string name) => $"<!-- {name}-loadrun:start -->";

    public static string End(string name) => $"<!-- {name}-loadrun:end -->";

    /// <summary>Replaces the section's lines; false (and nothing written) when the file has no such section.</summary>
    public static bool TryReplace(string path, string name, string markdown)
    {
        var lines = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').ToList();
        var start = lines.IndexOf(Start(name));
        var end = start < 0 ? -1 : lines.IndexOf(End(name), start + 1);
        if (start < 0 || end < 0)
        {
            Console.Error.WriteLine($"{path} has no line {Start(name)} followed by a line {End(name)}.");
            return false;
        }
        lines.RemoveRange(start + 1, end - start - 1);
        lines.Insert(start + 1, markdown.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd());
        File.WriteAllText(path, string.Join('\n', lines));
        Console.Error.WriteLine($"Wrote the figures into {path}.");
        return true;
    }
}
