using System.Globalization;
using System.Text;
using HealingCompass.Domain.Journal;
using Microsoft.AspNetCore.Components;

namespace HealingCompass.Web.Components.Journal;

/// <summary>
/// The timeline's stacked bars as one piece of SVG markup. Drawn here rather than with MudChart, like the results
/// chart: a circuit keeps every component and render-tree frame of its page, and MudChart's stacked bars were most
/// of the journal list's memory per person (docs/performance.md); one markup string is one frame. Without a viewBox
/// the week labels keep their real size on a phone. Every value in the markup is a number or a fixed label.
/// </summary>
public static class TimelineDrawing
{
    /// <summary>Height of the bars' area, in pixels; the week labels sit below it.</summary>
    public const int PlotHeight = 200;

    private const int AxisHeight = 24;

    // The left part of the width is kept for the scale's numbers, so the first bars never sit under them.
    private const double PlotLeft = 8;

    public static MarkupString Bars(IReadOnlyList<TimelineWeek> weeks)
    {
        ArgumentNullException.ThrowIfNull(weeks);
        var top = Math.Max(1, weeks.Count == 0 ? 0 : weeks.Max(w => w.Total));
        var step = Step(top);
        top = (top + step - 1) / step * step;
        var svg = new StringBuilder(4096);
        svg.Append(CultureInfo.InvariantCulture, $"<svg width=\"100%\" height=\"{PlotHeight + AxisHeight}\" aria-hidden=\"true\" focusable=\"false\">");
        for (var value = 0; value <= top; value += step)
        {
            var y = Y(value, top);
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"hc-timeline__grid\" x1=\"{PlotLeft}%\" x2=\"100%\" y1=\"{y}\" y2=\"{y}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"hc-timeline__scale\" x=\"0\" y=\"{Math.Max(12, y + 4)}\">{value}</text>");
        }
        var slot = (100 - PlotLeft) / Math.Max(1, weeks.Count);
        var labelEvery = Math.Max(1, (int)Math.Ceiling(weeks.Count / 5.0));
        for (var i = 0; i < weeks.Count; i++)
        {
            var x = PlotLeft + (i * slot);
            var below = 0;
            for (var severity = 0; severity < weeks[i].BySeverity.Count; severity++)
            {
                var count = weeks[i].BySeverity[severity];
                if (count == 0)
                {
                    continue;
                }
                var y = Y(below + count, top);
                svg.Append(CultureInfo.InvariantCulture,
                    $"<rect class=\"hc-timeline__s{severity}\" x=\"{x + (slot * 0.15):0.##}%\" width=\"{slot * 0.7:0.##}%\" y=\"{y}\" height=\"{Y(below, top) - y}\"/>");
                below += count;
            }
            // About five labels, centred under their week, and none at the right edge where it would be cut off:
            // on a 360 px phone each needs about 45 px.
            var centre = x + (slot / 2);
            if (i % labelEvery == 0 && centre <= 90)
            {
                svg.Append(CultureInfo.InvariantCulture,
                    $"<text class=\"hc-timeline__week\" x=\"{centre:0.##}%\" y=\"{PlotHeight + 17}\" text-anchor=\"middle\">{weeks[i].From.ToString("d MMM", CultureInfo.InvariantCulture)}</text>");
            }
        }
        svg.Append("</svg>");
        return new MarkupString(svg.ToString());
    }

    /// <summary>The scale's step: whole entries, at most about five lines.</summary>
    internal static int Step(int top) => top <= 5 ? 1 : top <= 10 ? 2 : (int)Math.Ceiling(top / 5.0);

    private static int Y(int value, int top) => PlotHeight - (int)Math.Round(value * (double)PlotHeight / top);
}
