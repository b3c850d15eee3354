namespace HealingCompass.Domain.Journal;

/// <summary>
/// How hard it was, 1 to 5, in the person's own judgement. The labels describe how it was for them, never
/// what the other person is.
/// </summary>
public static class SeverityScale
{
    public const int Lowest = 1;

    public const int Highest = 5;

    private static readonly string[] Labels =
    [
        "Unsettling",
        "Hurtful",
        "Very hurtful",
        "Frightening",
        "I was afraid for my safety",
    ];

    public static bool IsValid(int value) => value is >= Lowest and <= Highest;

    /// <summary>The plain label for a severity, e.g. "3 · Very hurtful".</summary>
    public static string Label(int value) =>
        IsValid(value) ? $"{value} · {Labels[value - 1]}" : throw new ArgumentOutOfRangeException(nameof(value));

    public static IEnumerable<int> Values => Enumerable.Range(Lowest, Highest);
}
