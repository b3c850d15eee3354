namespace HealingCompass.CrashRun;

/// <summary>
/// Where the built programs are: this run's own assembly (started again as the writer) and the web app's
/// entry point, found from a bin folder of the repository (<c>tests/X/bin/&lt;Configuration&gt;/&lt;tfm&gt;/</c>).
/// Nothing is built here; build the solution first.
/// </summary>
public sealed record BuiltApp(string WriterDll, string WebDll)
{
    /// <summary>The programs built in the same configuration as the bin folder <paramref name="baseDirectory"/>.</summary>
    public static BuiltApp FromBinFolder(string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(baseDirectory);
        var bin = new DirectoryInfo(baseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = bin.Parent!.Name;
        var root = bin.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
        return new BuiltApp(
            Path.Combine(root, "tests", "HealingCompass.CrashRun", "bin", configuration, bin.Name, "HealingCompass.CrashRun.dll"),
            Path.Combine(root, "src", "HealingCompass.Web", "bin", configuration, bin.Name, "HealingCompass.Web.dll"));
    }

    /// <summary>A sentence naming what is missing, or null when both are built.</summary>
    public string? Missing() =>
        !File.Exists(WriterDll) ? $"{WriterDll} is not built (dotnet build HealingCompass.sln first)."
        : !File.Exists(WebDll) ? $"{WebDll} is not built (dotnet build HealingCompass.sln first)."
        : null;
}
