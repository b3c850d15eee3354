namespace HealingCompass.Domain.CheckIns;

/// <summary>
/// The WHO-5 Well-Being Index: five items scored 0–5, summed (0–25) and shown ×4 as 0–100. There are no labels
/// for ranges here: the number is the person's own, shown beside their earlier ones.
/// </summary>
public static class Who5Score
{
    public const int ItemCount = 5;

    /// <summary>A change of this many points (0–100) is called out, gently.</summary>
    public const int NotableChange = 10;

    /// <summary>
    /// Below this (0–100) the app says that talking to a doctor or counsellor can help. It is never shown as a
    /// label or a result: WHO-5 guidance treats it as a point to suggest a conversation, not as a diagnosis.
    /// </summary>
    public const int SuggestTalkingBelow = 50;

    /// <summary>Taken at most every two weeks, as its items ask about the last two weeks.</summary>
    public const int DaysBetween = 14;

    public static bool IsValid(IReadOnlyList<int> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        return items.Count == ItemCount && items.All(v => v is >= 0 and <= 5);
    }

    /// <summary>0–100 (the raw sum ×4).</summary>
    public static int Percent(IReadOnlyList<int> items)
    {
        if (!IsValid(items))
        {
            throw new ArgumentException("The WHO-5 has five items scored 0 to 5.", nameof(items));
        }
        return items.Sum() * 4;
    }

    /// <summary>A gentle sentence when the score moved by <see cref="NotableChange"/> or more since last time; null otherwise.</summary>
    public static string? Change(int? previousPercent, int currentPercent, CheckInQuestions questions)
    {
        ArgumentNullException.ThrowIfNull(questions);
        if (previousPercent is not { } previous)
        {
            return null;
        }
        var difference = currentPercent - previous;
        return Math.Abs(difference) < NotableChange ? null
            : difference > 0 ? questions.Message("who5.changed_up", difference)
            : questions.Message("who5.changed_down", -difference);
    }

    /// <summary>Whether to say that talking to a doctor or counsellor can help.</summary>
    public static bool SuggestTalking(int percent) => percent < SuggestTalkingBelow;

    /// <summary>Whether to offer the WHO-5 with this week's check-in: first time, or two weeks since the last.</summary>
    public static bool IsOffered(DateOnly week, DateOnly? lastTakenWeek) =>
        lastTakenWeek is not { } last || week.DayNumber - last.DayNumber >= DaysBetween;
}
