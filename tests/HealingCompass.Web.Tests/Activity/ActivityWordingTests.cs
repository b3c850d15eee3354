using HealingCompass.Domain.Activity;
using HealingCompass.Web.Components.Activity;

namespace HealingCompass.Web.Tests.Activity;

public sealed class ActivityWordingTests
{
    [Fact]
    public void Every_kind_has_its_own_plain_words_so_a_new_kind_cannot_show_up_unnamed()
    {
        var words = Enum.GetValues<ActivityKind>().Select(k => (Kind: k, Words: ActivityWording.What(k))).ToList();

        Assert.All(words, w => Assert.NotEqual(ActivityWording.What((ActivityKind)(-1)), w.Words));
        Assert.Equal(words.Count, words.Select(w => w.Words).Distinct(StringComparer.Ordinal).Count());
        // Never alarming or blaming: no "suspicious", "intruder", "hacked" or "warning" on a line.
        Assert.All(words, w => Assert.DoesNotMatch("(?i)suspicious|intruder|hack|warning|attack", w.Words));
    }

    [Fact]
    public void Repeats_say_how_many_times_and_from_when_to_when()
    {
        var start = new DateTime(2026, 12, 2, 19, 0, 0, DateTimeKind.Utc);
        var line = new ActivityEvent(ActivityKind.SignInFailed, start.AddMinutes(14), "Chrome on Android", "203.0.113.0/24") { Count = 3, FirstAtUtc = start };

        Assert.Equal("A sign-in that didn't succeed (wrong password or code), 3 times", ActivityWording.What(line));
        Assert.Equal("from 2 December 2026 at 19:00 UTC to 2 December 2026 at 19:14 UTC", ActivityWording.When(line));
        Assert.Equal("Chrome on Android, network 203.0.113.0/24", ActivityWording.Where(line));
    }

    [Theory]
    [InlineData(0, "no failed attempts since")]
    [InlineData(1, "1 failed attempt since")]
    [InlineData(2, "2 failed attempts since")]
    public void The_last_sign_in_line_counts_in_plain_words(int failed, string expected)
    {
        var last = new ActivityEvent(ActivityKind.SignedIn, new DateTime(2026, 12, 1, 8, 5, 0, DateTimeKind.Utc), "Safari on an iPhone", null);

        Assert.Equal($"Last signed in: 1 December 2026 at 08:05 UTC (Safari on an iPhone), {expected}.", ActivityWording.Summary(new SignInSummary(last, failed)));
    }

    [Fact]
    public void Without_an_earlier_sign_in_the_line_says_so_and_still_counts_the_failures()
    {
        Assert.Equal("No earlier sign-in on record.", ActivityWording.Summary(new SignInSummary(null, 0)));
        Assert.Equal("No earlier sign-in on record; 2 failed attempts on record.", ActivityWording.Summary(new SignInSummary(null, 2)));
    }
}
