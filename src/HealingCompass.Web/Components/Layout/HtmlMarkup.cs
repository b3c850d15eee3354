using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Components;

namespace HealingCompass.Web.Components.Layout;

/// <summary>
/// Writes a read-only block that repeats in a list (a plan step, a journal card) as one string of HTML, every text
/// and attribute encoded. A live circuit keeps each component of its page with its render tree, and the renderer
/// keeps buffers as large as its largest batch: as one markup frame, a card costs a string instead of a component
/// and about 35 frames, twice over (ADR 19; docs/performance.md, "Managed heap per idle circuit"). Only for blocks without
/// events or bindings: links and native &lt;details&gt; work as markup, a button with a handler does not.
/// </summary>
public sealed class HtmlMarkup
{
    // Every character but the markup ones stays as it is (the text is English with typographic punctuation).
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private readonly StringBuilder html = new(1024);

    /// <summary>Opens an element; <paramref name="cssClass"/> is left out when null.</summary>
    public HtmlMarkup Open(string tag, string? cssClass = null, string? href = null)
    {
        html.Append('<').Append(tag);
        Attribute("class", cssClass);
        Attribute("href", href);
        html.Append('>');
        return this;
    }

    public HtmlMarkup Text(string? text)
    {
        if (!string.IsNullOrEmpty(text))
        {
            html.Append(Encoder.Encode(text));
        }
        return this;
    }

    public HtmlMarkup Close(string tag)
    {
        html.Append("</").Append(tag).Append('>');
        return this;
    }

    /// <summary>An element holding only text.</summary>
    public HtmlMarkup Element(string tag, string? cssClass, string? text) => Open(tag, cssClass).Text(text).Close(tag);

    /// <summary>A paragraph that starts with a few words in bold ("Why:") and goes on in plain text.</summary>
    public HtmlMarkup Lead(string cssClass, string lead, string? text) =>
        Open("p", cssClass).Element("strong", null, lead).Text(" ").Text(text).Close("p");

    public MarkupString ToMarkup() => new(html.ToString());

    private void Attribute(string name, string? value)
    {
        if (value is null)
        {
            return;
        }
        html.Append(' ').Append(name).Append("=\"");
        html.Append(Encoder.Encode(value));
        html.Append('"');
    }
}
