using HealingCompass.Data.Journal;
using HealingCompass.Domain.Journal;
using HealingCompass.Web.Components.Layout;
using Microsoft.AspNetCore.Components;

namespace HealingCompass.Web.Components.Journal;

/// <summary>
/// One entry in the list as one piece of markup: when, how hard, what kind, the first words, and a way in. A page of
/// twenty cards as components was the largest part of what the journal list's circuit kept (ADR 19). The person's
/// words are encoded like every other text; nothing here is cached, since it is theirs.
/// </summary>
public static class EntryCardMarkup
{
    public static MarkupString For(JournalEntrySummary entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var written = JournalWording.When(entry.FirstWritten);
        var html = new HtmlMarkup()
            .Open("li", "hc-entry-card")
            .Open("div", "mud-paper mud-paper-outlined pa-3");
        if (entry.Content is { } content)
        {
            html.Open("p", "mud-typography mud-typography-subtitle2").Text(JournalWording.Happened(content));
            if (content.Severity is { } severity)
            {
                html.Element("span", null, " · " + SeverityScale.Label(severity));
            }
            html.Close("p");
            if (content.Categories.Count > 0)
            {
                html.Element("p", "mud-typography mud-typography-body2 hc-muted", string.Join(" · ", content.Categories.Select(JournalCategories.LabelFor)));
            }
            html.Element("p", "mud-typography mud-typography-body1 mt-1 hc-entry-text", JournalWording.Excerpt(content.WhatHappened));
        }
        else
        {
            html.Element("p", "mud-typography mud-typography-body1", "This entry couldn't be opened. It has been left exactly as it was.");
        }
        return html
            .Element("p", "mud-typography mud-typography-body2 hc-muted mt-1", $"Written {written} · {JournalWording.Edited(entry.EditCount)}")
            .Open("a", "hc-entry-open", JournalPaths.Entry(entry.Id)).Text("Open this entry")
            .Element("span", "hc-visually-hidden", ", written " + written)
            .Close("a")
            .Close("div").Close("li")
            .ToMarkup();
    }
}
