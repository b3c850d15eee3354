using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;

namespace HealingCompass.Web.Tests.Support;

/// <summary>Finding things the way a person does: by the words on them.</summary>
internal static partial class Markup
{
    /// <summary>Text with runs of white space folded to one space, as it reads on screen.</summary>
    public static string Text(this IElement element) => Squash(element.TextContent);

    public static string Squash(string text) => Whitespace().Replace(text, " ").Trim();

    /// <summary>The one button whose visible words are exactly <paramref name="label"/>.</summary>
    public static IElement Button<T>(this IRenderedComponent<T> cut, string label)
        where T : IComponent =>
        cut.FindAll("button").Single(b => b.Text() == label);

    public static bool HasButton<T>(this IRenderedComponent<T> cut, string label)
        where T : IComponent =>
        cut.FindAll("button").Any(b => b.Text() == label);

    /// <summary>The page's visible words, folded.</summary>
    public static string PageText<T>(this IRenderedComponent<T> cut)
        where T : IComponent =>
        Squash(string.Concat(cut.Nodes.Select(n => n.TextContent)));

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
