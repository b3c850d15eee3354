using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using HealingCompass.Domain.Content;
using HealingCompass.Domain.Plans;
using HealingCompass.Web.Components.Layout;
using HealingCompass.Web.Plans;
using Microsoft.AspNetCore.Components;

namespace HealingCompass.Web.Components.Plans;

/// <summary>
/// A step of the plan as one piece of markup: its kind and cadence, title, why, the how one tap away, a way to the
/// journal where the step names it, the guidance that fits the person and a commitment they could make. A plan
/// holds dozens of steps; as components they were most of what a plan page's circuit kept (ADR 19).
/// </summary>
public static class PlanStepMarkup
{
    private const string JournalStepId = "step.personal.private_record";

    // The markup depends only on the shipped content, so every circuit shares one string per step, heading and
    // set of adaptations (none of it is the person's own words). Bounded per step, in case content ever varied.
    private const int MostPerStep = 32;
    private static readonly ConditionalWeakTable<StepDefinition, ConcurrentDictionary<string, MarkupString>> Cache = [];

    /// <param name="step">The step as it stands in this plan.</param>
    /// <param name="headingTag">h3 on the plan, h4 where the steps sit under a path's own heading.</param>
    public static MarkupString For(PlanStep step, string headingTag = "h3")
    {
        ArgumentNullException.ThrowIfNull(step);
        var forStep = Cache.GetValue(step.Step, _ => new ConcurrentDictionary<string, MarkupString>(StringComparer.Ordinal));
        var key = step.Adaptations.Count == 0 ? headingTag : headingTag + "\u001f" + string.Join('\u001f', step.Adaptations);
        if (forStep.TryGetValue(key, out var markup))
        {
            return markup;
        }
        markup = Write(step, headingTag);
        if (forStep.Count < MostPerStep)
        {
            forStep.TryAdd(key, markup);
        }
        return markup;
    }

    private static MarkupString Write(PlanStep step, string headingTag)
    {
        if (headingTag is not ("h2" or "h3" or "h4"))
        {
            throw new ArgumentOutOfRangeException(nameof(headingTag), headingTag, "A step's heading is an h2, h3 or h4.");
        }
        var definition = step.Step;
        var html = new HtmlMarkup()
            .Open("li", "hc-step")
            .Open("div", "mud-paper mud-paper-outlined pa-4")
            .Element("p", "mud-typography mud-typography-overline", $"{PlanWording.Kind(definition.Kind)} · {PlanWording.Cadence(definition.Cadence)}")
            .Element(headingTag, "mud-typography mud-typography-h6", definition.Title)
            .Lead("mud-typography mud-typography-body1 mt-1", "Why:", definition.Why)
            // The how is one tap away, so the first screen holds the steps themselves (docs/content.md).
            .Open("details", "hc-more mt-2").Element("summary", null, "How").Open("ol", "hc-list");
        foreach (var how in definition.How)
        {
            html.Element("li", null, how);
        }
        html.Close("ol").Close("details");
        if (definition.Id == JournalStepId)
        {
            // The step names the journal in this app: one tap to it (it explains itself to someone without an account).
            html.Open("p", "mud-typography mud-typography-body2 mt-1 hc-no-print")
                .Open("a", href: "/journal").Text("Open the journal").Close("a")
                .Close("p");
        }
        foreach (var adaptation in step.Adaptations)
        {
            html.Lead("mud-typography mud-typography-body2 mt-1", "For your situation:", adaptation);
        }
        if (!string.IsNullOrWhiteSpace(definition.Commitment))
        {
            html.Lead("mud-typography mud-typography-body2 mt-2", "A commitment you could make:", definition.Commitment);
        }
        return html.Close("div").Close("li").ToMarkup();
    }
}
