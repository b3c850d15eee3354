namespace HealingCompass.Domain.CheckIns;

/// <summary>One week on the progress timeline. A gap is a week with no check-in: shown as a gap, never as zero.</summary>
public sealed record TrendWeek(
    DateOnly Week,
    bool IsGap,
    int? WeekFelt,
    int? FeltSafe,
    int? CommitmentsKept,
    int? CommitmentsListed,
    int? Who5Percent,
    bool WasLate);

/// <summary>A week's check-in as the trend needs it.</summary>
public sealed record CheckInWeek(DateOnly Week, CheckInAnswers Answers, bool WasLate);

/// <summary>
/// The weeks in order with gaps where no check-in was made. Weeks are named by their check-in day; when the person
/// changes their day, weeks keep the date they had, and the number of weeks between two check-ins is their
/// distance in days over seven, rounded (so a move from Sunday to Wednesday is neither a gap nor a double week).
/// </summary>
public static class ProgressTrend
{
    public static IReadOnlyList<TrendWeek> Build(IEnumerable<CheckInWeek> checkIns)
    {
        ArgumentNullException.ThrowIfNull(checkIns);
        var ordered = checkIns.OrderBy(c => c.Week).ToList();
        var weeks = new List<TrendWeek>(ordered.Count);
        for (var i = 0; i < ordered.Count; i++)
        {
            if (i > 0)
            {
                var missing = MissingBetween(ordered[i - 1].Week, ordered[i].Week);
                for (var k = 1; k <= missing; k++)
                {
                    weeks.Add(new TrendWeek(ordered[i - 1].Week.AddDays(7 * k), true, null, null, null, null, null, false));
                }
            }
            var a = ordered[i].Answers;
            weeks.Add(new TrendWeek(ordered[i].Week, false, a.WeekFelt, a.FeltSafe, a.CommitmentsKept.Count, a.CommitmentsListed, a.Who5Percent, ordered[i].WasLate));
        }
        return weeks;
    }

    /// <summary>Whole weeks with no check-in between two check-in weeks.</summary>
    public static int MissingBetween(DateOnly earlier, DateOnly later) =>
        Math.Max(0, (int)Math.Round((later.DayNumber - earlier.DayNumber) / 7.0, MidpointRounding.AwayFromZero) - 1);

    /// <summary>The average over the weeks that have a value; gaps are left out, never counted as zero.</summary>
    public static double? Average(IEnumerable<TrendWeek> weeks, Func<TrendWeek, int?> value)
    {
        ArgumentNullException.ThrowIfNull(weeks);
        ArgumentNullException.ThrowIfNull(value);
        var values = weeks.Where(w => !w.IsGap).Select(value).OfType<int>().ToList();
        return values.Count == 0 ? null : values.Average();
    }
}

/// <summary>
/// Progress in words that count what was done: "You kept 3 of 4 commitments." Never a streak, never what was
/// missed: a week without a check-in is simply not mentioned.
/// </summary>
public static class ProgressWording
{
    public static string Kept(int kept, int listed, CheckInQuestions questions)
    {
        ArgumentNullException.ThrowIfNull(questions);
        ArgumentOutOfRangeException.ThrowIfNegative(kept);
        ArgumentOutOfRangeException.ThrowIfLessThan(listed, kept);
        // Zero kept is said as what is still there, not as what was missed.
        return listed == 0 ? questions.Message("progress.kept_none_listed")
            : kept == 0 ? questions.Message("progress.kept_zero", listed)
            : listed == 1 && kept == 1 ? questions.Message("progress.kept_one")
            : questions.Message("progress.kept", kept, listed);
    }

    public static string CheckInsDone(int count, CheckInQuestions questions)
    {
        ArgumentNullException.ThrowIfNull(questions);
        return count == 1 ? questions.Message("progress.weeks_done_one") : questions.Message("progress.weeks_done", count);
    }

    public static string BoundariesHeld(int held, int listed, CheckInQuestions questions)
    {
        ArgumentNullException.ThrowIfNull(questions);
        return questions.Message("progress.boundaries_held", held, listed);
    }
}
