namespace HealingCompass.Domain.CheckIns;

/// <summary>
/// When a person checks in: the day of the week they chose, in their own time zone. A week is named by its
/// check-in day (a local date on the chosen weekday) and covers the seven local days that end on it, so a
/// check-in made on that day or any of the six before it belongs to that week.
/// </summary>
public sealed record CheckInSchedule(DayOfWeek Day, TimeZoneInfo Zone)
{
    /// <summary>The week an instant belongs to: the first chosen weekday on or after its local date.</summary>
    public DateOnly WeekOf(DateTimeOffset instant)
    {
        var local = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);
        return WeekOfLocalDate(local);
    }

    public DateOnly WeekOfLocalDate(DateOnly localDate) =>
        localDate.AddDays(((int)Day - (int)localDate.DayOfWeek + 7) % 7);

    /// <summary>The person's own date today.</summary>
    public DateOnly LocalToday(DateTimeOffset now) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, Zone).DateTime);

    /// <summary>Whether <paramref name="week"/> is a check-in day on this schedule.</summary>
    public bool IsOnSchedule(DateOnly week) => week.DayOfWeek == Day;

    /// <summary>On time while the week is the current one, late once it has passed, refused before it starts.</summary>
    public WeekTiming Timing(DateOnly week, DateTimeOffset now)
    {
        var current = WeekOf(now);
        return week == current ? WeekTiming.Current : week < current ? WeekTiming.Past : WeekTiming.Future;
    }

    /// <summary>
    /// The check-in to show as due in the app, if any: this week's on its day, or last week's (late) when it
    /// was not done and the plan was already kept then. Never more than one, and never older than a week.
    /// </summary>
    public DueCheckIn? Due(DateTimeOffset now, IReadOnlySet<DateOnly> doneWeeks, DateOnly keptSince)
    {
        ArgumentNullException.ThrowIfNull(doneWeeks);
        var current = WeekOf(now);
        if (LocalToday(now) == current && !doneWeeks.Contains(current))
        {
            return new DueCheckIn(current, IsLate: false);
        }
        var previous = current.AddDays(-7);
        return previous >= WeekOfLocalDate(keptSince) && !doneWeeks.Contains(previous) && !doneWeeks.Contains(current)
            ? new DueCheckIn(previous, IsLate: true)
            : null;
    }
}

public enum WeekTiming
{
    Current,
    Past,
    Future,
}

/// <summary>A check-in the app shows as waiting; late means its week has passed (allowed, and marked so).</summary>
public sealed record DueCheckIn(DateOnly Week, bool IsLate);

/// <summary>The schedule read against a clock, so tests move time instead of waiting for it.</summary>
public sealed class CheckInClock(TimeProvider time)
{
    public DateTimeOffset Now => time.GetUtcNow();

    public DateOnly CurrentWeek(CheckInSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        return schedule.WeekOf(time.GetUtcNow());
    }

    public WeekTiming Timing(CheckInSchedule schedule, DateOnly week)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        return schedule.Timing(week, time.GetUtcNow());
    }
}
