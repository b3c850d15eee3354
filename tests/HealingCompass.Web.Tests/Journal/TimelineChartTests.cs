using Bunit;
using HealingCompass.Domain.Journal;
using HealingCompass.Web.Components.Journal;
using HealingCompass.Web.Tests.Support;

namespace HealingCompass.Web.Tests.Journal;

public sealed class TimelineChartTests : ComponentTestBase
{
    private static readonly DateOnly Today = new(2026, 6, 30);

    [Fact]
    public async Task The_table_holds_the_charts_numbers_and_the_span_switches_between_six_and_twelve_months()
    {
        PatternEntry[] entries =
        [
            new(Today, 4), new(Today.AddDays(-1), 4), new(Today.AddDays(-2), null),
            new(Today.AddDays(-250), 2), // only in the last 12 months
        ];
        var chart = Render<TimelineChart>(p => p.Add(x => x.Entries, entries).Add(x => x.Today, Today));

        Assert.Contains("3 entries in 1 of these 26 weeks", chart.PageText(), StringComparison.Ordinal);
        var row = Assert.Single(chart.FindAll(".hc-timeline-table tbody tr"));
        Assert.Equal(["1", "0", "0", "0", "2", "0", "3"], row.QuerySelectorAll("td").Select(td => td.TextContent));
        Assert.Equal("true", chart.Find(".hc-timeline-chart").GetAttribute("aria-hidden"));
        Assert.Equal(2, chart.FindAll(".hc-timeline-chart svg rect").Count); // one week: not given, and 4
        Assert.Equal(6, chart.FindAll(".hc-timeline__legend li").Count);

        await chart.Button("Last 12 months").ClickAsync(new());
        Assert.Contains("4 entries in 2 of these 52 weeks", chart.PageText(), StringComparison.Ordinal);
        Assert.Equal(2, chart.FindAll(".hc-timeline-table tbody tr").Count);
    }
}
