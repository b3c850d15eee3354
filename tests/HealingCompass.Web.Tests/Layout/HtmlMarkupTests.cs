using AngleSharp.Html.Parser;
using HealingCompass.Web.Components.Layout;

namespace HealingCompass.Web.Tests.Layout;

public sealed class HtmlMarkupTests
{
    private const string Hostile = "<img src=x onerror=alert(1)> & \"quoted\" 'single' <script>alert(2)</script>";

    [Fact]
    public void Text_and_attributes_come_out_as_text_never_as_markup()
    {
        var markup = new HtmlMarkup()
            .Open("p", "a\" onclick=\"alert(3)", href: "/x\"><script>alert(4)</script>")
            .Text(Hostile)
            .Close("p")
            .ToMarkup();

        var document = new HtmlParser().ParseDocument("<body>" + markup.Value + "</body>");
        var paragraph = Assert.Single(document.Body!.Children);
        Assert.Equal("p", paragraph.LocalName);
        Assert.Empty(paragraph.Children);
        Assert.Equal(Hostile, paragraph.TextContent);
        Assert.Equal(["class", "href"], paragraph.Attributes.Select(a => a.Name));
        Assert.Equal("a\" onclick=\"alert(3)", paragraph.GetAttribute("class"));
        Assert.Empty(document.QuerySelectorAll("script, img"));
    }

    [Fact]
    public void Typographic_characters_stay_as_they_are_and_a_lead_is_bold_words_then_a_space_then_text()
    {
        var markup = new HtmlMarkup().Lead("mud-typography", "Why:", "It’s yours · always").ToMarkup();

        Assert.Equal("<p class=\"mud-typography\"><strong>Why:</strong> It’s yours · always</p>", markup.Value);
    }
}
