using Microsoft.AspNetCore.Components;

namespace HealingCompass.Web.Components.Layout;

/// <summary>
/// MudText's markup without a MudText component, for text repeated in lists (plan steps, contacts) whose element
/// is chosen by the caller (an h3 on one page, an h4 on another). A component per line costs a live circuit its
/// state and two render trees; a fragment costs a few frames in its parent's tree.
/// </summary>
public static class Typeset
{
    private static readonly HashSet<string> Tags = new(StringComparer.Ordinal) { "h1", "h2", "h3", "h4", "h5", "h6", "p", "span" };

    /// <param name="tag">h1–h6, p or span.</param>
    /// <param name="typo">The MudBlazor typography class, e.g. "mud-typography-h6".</param>
    /// <param name="content">What the element holds.</param>
    public static RenderFragment Element(string tag, string typo, RenderFragment content)
    {
        if (!Tags.Contains(tag))
        {
            throw new ArgumentOutOfRangeException(nameof(tag), tag, "A heading, a paragraph or a span.");
        }
        return builder =>
        {
            builder.OpenElement(0, tag);
            builder.AddAttribute(1, "class", "mud-typography " + typo);
            builder.AddContent(2, content);
            builder.CloseElement();
        };
    }

    public static RenderFragment Element(string tag, string typo, string text) => Element(tag, typo, b => b.AddContent(0, text));
}
