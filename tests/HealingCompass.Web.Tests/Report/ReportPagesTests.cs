using System.Text;
using HealingCompass.Web.Components.Report;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace HealingCompass.Web.Tests.Report;

/// <summary>
/// Wrapping cuts lines as slices of the text rather than building them word by word (a 1,000-entry report draws
/// tens of thousands of lines). These prove the slices are exactly the lines the word-by-word way gave.
/// </summary>
public sealed class ReportPagesTests
{
    [Fact]
    public void Wrapping_by_slices_gives_the_same_lines_as_building_them_word_by_word()
    {
        ReportFonts.Install();
        using var document = new PdfDocument();
        using var pages = new ReportPages(document);
        using var measure = XGraphics.CreateMeasureContext(new XSize(595, 842), XGraphicsUnit.Point, XPageDirection.Downwards);
        var random = new Random(15);
        string[] pieces = ["door", "phone", "a", "", " ", "  ", "\n", "\n\n", "kitchen", "bus stop", "ünïcødé", "日本語", new string('x', 120), "said: \"no\"", "—"];
        var cases = new List<string> { "", " ", "\n", "a", " a", "a ", "a  b", "\n a\n", new string('w', 300), string.Join(' ', Enumerable.Repeat("word", 200)) };
        for (var i = 0; i < 300; i++)
        {
            var builder = new StringBuilder();
            for (var n = random.Next(0, 60); n > 0; n--)
            {
                builder.Append(pieces[random.Next(pieces.Length)]);
                if (random.Next(3) > 0)
                {
                    builder.Append(' ');
                }
            }
            cases.Add(builder.ToString());
        }

        foreach (var width in new[] { 4.0, 60, 240, 495 })
        {
            foreach (var text in cases)
            {
                Assert.Equal(WordByWord(text, pages.Body, width, measure), pages.Wrap(text, pages.Body, width));
            }
        }
    }

    [Fact]
    public void Text_without_control_characters_is_kept_as_it_is_and_control_characters_become_spaces()
    {
        const string plain = "He said \"no\" — and left <b>at 9</b>";
        Assert.Same(plain, ReportPages.Clean(plain));
        Assert.Equal("a b\nc\nd e", ReportPages.Clean("a\tb\r\nc\rd\u0007e"));
        Assert.Equal("x y", ReportPages.Clean("x\u0085y"));
    }

    // The way lines were built before: each paragraph split at spaces, each word measured, a line grown with a
    // StringBuilder, a word too long for a line cut where it stops fitting.
    private static List<string> WordByWord(string text, XFont font, double width, XGraphics measure)
    {
        double Measure(string s) => measure.MeasureString(s, font).Width;
        var lines = new List<string>();
        var space = Measure(" ");
        foreach (var paragraph in text.Split('\n'))
        {
            var line = new StringBuilder();
            var lineWidth = 0.0;
            foreach (var word in paragraph.Split(' '))
            {
                var wordWidth = Measure(word);
                var candidate = line.Length == 0 ? wordWidth : lineWidth + space + wordWidth;
                if (candidate <= width)
                {
                    if (line.Length > 0)
                    {
                        line.Append(' ');
                    }
                    line.Append(word);
                    lineWidth = candidate;
                    continue;
                }
                if (line.Length > 0)
                {
                    lines.Add(line.ToString());
                    line.Clear();
                }
                var rest = word;
                while (rest.Length > 0 && Measure(rest) > width)
                {
                    var take = 1;
                    while (take < rest.Length && Measure(rest[..(take + 1)]) <= width)
                    {
                        take++;
                    }
                    lines.Add(rest[..take]);
                    rest = rest[take..];
                }
                line.Append(rest);
                lineWidth = Measure(rest);
            }
            lines.Add(line.ToString());
        }
        return lines;
    }
}
