namespace HealingCompass.CrashRun;

/// <summary>The people the run signs up, all with the same passphrase (a throwaway one, in a throwaway folder).</summary>
public static class People
{
    public const string Password = "lanterns drift over the quiet harbour";

    public static IReadOnlyList<string> UserNames(int count) =>
        [.. Enumerable.Range(1, count).Select(i => $"crash.person{i}")];
}
