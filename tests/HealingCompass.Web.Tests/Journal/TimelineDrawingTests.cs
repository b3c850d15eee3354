using System.Xml.Linq;
using HealingCompass.Domain.Journal;
using HealingCompass.Web.Components.Journal;

namespace HealingCompass.Web.Tests.Journal;

public sealed class TimelineDrawingTests
{
    private static readonly DateOnly Today = new(2026, 6, 30);

    [Fact]
    public void Each_weeks_bar_stacks_its_severities_from_the_bottom_and_the_busiest_week_reaches_the_top()
    {
        PatternEntry[] entries =
        [
            new(Today, 4), new(Today.AddDays(-1), 4), new(Today.AddDays(-3), 4), new(Today.AddDays(-2), null), // the last week: 1 not given, 3 at 4
            new(Today.AddDays(-7), 1), // the week before: 1 at 1
        ];
        var weeks = JournalTimeline.Weekly(entries, Today, 26);

        var svg = XElement.Parse(TimelineDrawing.Bars(weeks).Value);
        var rects = svg.Elements("rect").ToList();

        Assert.Equal(["hc-timeline__s1", "hc-timeline__s0", "hc-timeline__s4"], rects.Select(r => (string?)r.Attribute("class")));
        var (lastWeekNone, lastWeekFour) = (rects[1], rects[2]);
        Assert.Equal(TimelineDrawing.PlotHeight, Number(lastWeekNone, "y") + Number(lastWeekNone, "height"));
        Assert.Equal(Number(lastWeekNone, "y"), Number(lastWeekFour, "y") + Number(lastWeekFour, "height"));
        Assert.Equal(0, Number(lastWeekFour, "y"));
        Assert.Equal(3 * Number(lastWeekNone, "height"), Number(lastWeekFour, "height"));
        Assert.Equal(Number(lastWeekNone, "height"), Number(rects[0], "height"));
        Assert.Equal(rects[1].Attribute("x")!.Value, rects[2].Attribute("x")!.Value);
    }

    [Fact]
    public void The_scale_counts_whole_entries_and_about_five_week_labels_are_spread_evenly_short_of_the_right_edge()
    {
        var weeks = JournalTimeline.Weekly([.. Enumerable.Range(0, 13).Select(_ => new PatternEntry(Today, 2))], Today, 26);

        var svg = XElement.Parse(TimelineDrawing.Bars(weeks).Value);

        Assert.Equal(["0", "3", "6", "9", "12", "15"], svg.Elements("text").Where(t => (string?)t.Attribute("class") == "hc-timeline__scale").Select(t => t.Value));
        var labels = svg.Elements("text").Where(t => (string?)t.Attribute("class") == "hc-timeline__week").Select(t => t.Value).ToList();
        Assert.Equal([0, 6, 12, 18], labels.Select(l => weeks.ToList().FindIndex(w => w.From.ToString("d MMM", System.Globalization.CultureInfo.InvariantCulture) == l)));
        var year = XElement.Parse(TimelineDrawing.Bars(JournalTimeline.Weekly([], Today, 52)).Value);
        Assert.Equal(5, year.Elements("text").Count(t => (string?)t.Attribute("class") == "hc-timeline__week"));
    }

    [Fact]
    public void An_empty_span_draws_the_scale_and_no_bars()
    {
        var svg = XElement.Parse(TimelineDrawing.Bars(JournalTimeline.Weekly([], Today, 52)).Value);

        Assert.Empty(svg.Elements("rect"));
        Assert.Equal(["0", "1"], svg.Elements("text").Where(t => (string?)t.Attribute("class") == "hc-timeline__scale").Select(t => t.Value));
    }

    private static int Number(XElement element, string attribute) =>
        int.Parse(element.Attribute(attribute)!.Value, System.Globalization.CultureInfo.InvariantCulture);
}
