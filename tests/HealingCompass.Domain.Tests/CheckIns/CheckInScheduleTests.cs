using FsCheck.Xunit;
using HealingCompass.Domain.CheckIns;
using Microsoft.Extensions.Time.Testing;

namespace HealingCompass.Domain.Tests.CheckIns;

public sealed class CheckInScheduleTests
{
    // Zones with summer time both ways, half- and quarter-hour offsets, and both ends of the date line.
    private static readonly string[] ZoneIds =
    [
        "UTC", "Europe/London", "America/New_York", "Australia/Lord_Howe", "Asia/Kathmandu",
        "Pacific/Kiritimati", "Pacific/Pago_Pago", "America/St_Johns", "Pacific/Chatham",
    ];

    private static TimeZoneInfo Zone(string id) => TimeZoneInfo.FindSystemTimeZoneById(id);

    // The oracle: the local date from the zone's offset at that instant, then walk forward a day at a time.
    private static DateOnly ExpectedWeek(DateTimeOffset instant, TimeZoneInfo zone, DayOfWeek day)
    {
        var local = DateOnly.FromDateTime(instant.UtcDateTime + zone.GetUtcOffset(instant));
        var week = local;
        while (week.DayOfWeek != day)
        {
            week = week.AddDays(1);
        }
        return week;
    }

    [Theory]
    [InlineData("2026-03-01T00:00:00Z")] // spring: clocks go forward in Europe, North America, and back in the south
    [InlineData("2026-10-18T00:00:00Z")] // autumn: the other way round
    public void Every_hour_of_every_day_belongs_to_the_week_that_ends_on_the_next_chosen_day(string start)
    {
        foreach (var zoneId in ZoneIds)
        {
            var zone = Zone(zoneId);
            foreach (var day in Enum.GetValues<DayOfWeek>())
            {
                var schedule = new CheckInSchedule(day, zone);
                var time = new FakeTimeProvider(DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture));
                var clock = new CheckInClock(time);
                var previous = DateOnly.MinValue;
                for (var hour = 0; hour < 24 * 7 * 5; hour++)
                {
                    var week = clock.CurrentWeek(schedule);
                    Assert.Equal(ExpectedWeek(time.GetUtcNow(), zone, day), week);
                    Assert.Equal(day, week.DayOfWeek);
                    Assert.True(week >= previous, "weeks never go backwards as time moves on");
                    Assert.Equal(WeekTiming.Current, clock.Timing(schedule, week));
                    previous = week;
                    time.Advance(TimeSpan.FromHours(1));
                }
            }
        }
    }

    [Property(MaxTest = 2000)]
    public void Any_instant_belongs_to_a_week_whose_day_is_the_chosen_one_and_at_most_six_days_ahead(long seconds, byte dayIndex, byte zoneIndex)
    {
        var instant = DateTimeOffset.FromUnixTimeSeconds(Math.Abs(seconds % 4_000_000_000L)); // 1970 to about 2096
        var zone = Zone(ZoneIds[zoneIndex % ZoneIds.Length]);
        var day = (DayOfWeek)(dayIndex % 7);
        var schedule = new CheckInSchedule(day, zone);

        var week = schedule.WeekOf(instant);
        var local = schedule.LocalToday(instant);

        Assert.Equal(ExpectedWeek(instant, zone, day), week);
        Assert.InRange(week.DayNumber - local.DayNumber, 0, 6);
        Assert.Equal(WeekTiming.Past, schedule.Timing(week.AddDays(-7), instant));
        Assert.Equal(WeekTiming.Future, schedule.Timing(week.AddDays(7), instant));
    }

    [Fact]
    public void Late_on_the_chosen_day_in_the_persons_zone_is_still_that_week_though_it_is_the_next_day_in_utc()
    {
        // Sunday 23:30 in New York is Monday 04:30 UTC.
        var schedule = new CheckInSchedule(DayOfWeek.Sunday, Zone("America/New_York"));
        var instant = new DateTimeOffset(2026, 11, 30, 4, 30, 0, TimeSpan.Zero);
        Assert.Equal(new DateOnly(2026, 11, 29), schedule.WeekOf(instant));
    }

    [Fact]
    public void On_the_chosen_day_with_nothing_done_this_weeks_check_in_is_due_on_time()
    {
        var schedule = new CheckInSchedule(DayOfWeek.Sunday, TimeZoneInfo.Utc);
        var sunday = new DateTimeOffset(2026, 11, 29, 18, 0, 0, TimeSpan.Zero);
        Assert.Equal(new DueCheckIn(new DateOnly(2026, 11, 29), false), schedule.Due(sunday, new HashSet<DateOnly>(), new DateOnly(2026, 11, 1)));
    }

    [Fact]
    public void The_day_after_a_week_with_no_check_in_that_week_is_offered_late_and_once_done_nothing_is_due()
    {
        var schedule = new CheckInSchedule(DayOfWeek.Sunday, TimeZoneInfo.Utc);
        var monday = new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
        var lastWeek = new DateOnly(2026, 11, 29);
        Assert.Equal(new DueCheckIn(lastWeek, true), schedule.Due(monday, new HashSet<DateOnly>(), new DateOnly(2026, 11, 1)));
        Assert.Null(schedule.Due(monday, new HashSet<DateOnly> { lastWeek }, new DateOnly(2026, 11, 1)));
    }

    [Fact]
    public void Nothing_is_due_for_a_week_before_the_plan_was_kept()
    {
        var schedule = new CheckInSchedule(DayOfWeek.Sunday, TimeZoneInfo.Utc);
        var monday = new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
        Assert.Null(schedule.Due(monday, new HashSet<DateOnly>(), keptSince: new DateOnly(2026, 11, 30)));
    }
}
