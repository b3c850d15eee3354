using System.Text;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace HealingCompass.Web.Components.Report;

/// <summary>
/// Writes lines down A4 pages, starting a new page when one is full. Everything given is drawn as plain text,
/// wrapped to the width; nothing in it is interpreted (no markup, no links).
/// </summary>
internal sealed class ReportPages : IDisposable
{
    private const double Margin = 50;

    private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode);

    private readonly PdfDocument document;
    private readonly Dictionary<XFont, Dictionary<string, double>> widths = [];
    private XGraphics? graphics;
    private PdfPage? page;
    private double y;

    public ReportPages(PdfDocument document)
    {
        this.document = document;
        Body = new XFont(ReportFonts.Family, 10, XFontStyleEx.Regular, Unicode);
        Strong = new XFont(ReportFonts.Family, 10, XFontStyleEx.Bold, Unicode);
        Small = new XFont(ReportFonts.Family, 8, XFontStyleEx.Regular, Unicode);
        Title = new XFont(ReportFonts.Family, 18, XFontStyleEx.Bold, Unicode);
        Heading = new XFont(ReportFonts.Family, 13, XFontStyleEx.Bold, Unicode);
        NewPage();
    }

    public XFont Body { get; }

    public XFont Strong { get; }

    public XFont Small { get; }

    public XFont Title { get; }

    public XFont Heading { get; }

    private double Width => page!.Width.Point - 2 * Margin;

    private double Bottom => page!.Height.Point - Margin;

    public void NewPage()
    {
        graphics?.Dispose();
        page = document.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        graphics = XGraphics.FromPdfPage(page);
        y = Margin;
    }

    public void Space(double points) => y += points;

    /// <summary>Text wrapped at word breaks (and inside a word too long for a line), line breaks kept.</summary>
    public void Text(string text, XFont? font = null, double indent = 0, XBrush? brush = null)
    {
        font ??= Body;
        var lineHeight = font.GetHeight() * 1.15;
        foreach (var line in Wrap(Clean(text), font, Width - indent))
        {
            if (y + lineHeight > Bottom)
            {
                NewPage();
            }
            graphics!.DrawString(line, font, brush ?? XBrushes.Black, new XRect(Margin + indent, y, Width - indent, lineHeight), XStringFormats.TopLeft);
            y += lineHeight;
        }
    }

    /// <summary>A label in bold and its value below it, indented.</summary>
    public void Field(string label, string value, double indent = 0)
    {
        KeepRoom(Body.GetHeight() * 3);
        Text(label, Strong, indent);
        Text(value, Body, indent + 10);
        Space(3);
    }

    /// <summary>Starts a new page unless <paramref name="points"/> still fit on this one.</summary>
    public void KeepRoom(double points)
    {
        if (y + points > Bottom)
        {
            NewPage();
        }
    }

    /// <summary>
    /// One row of a table: each cell wrapped inside its column (<paramref name="columns"/> are fractions of the
    /// width), the row as tall as its tallest cell, on a new page when it does not fit.
    /// </summary>
    public void Row(IReadOnlyList<string> cells, IReadOnlyList<double> columns, XFont? font = null)
    {
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentNullException.ThrowIfNull(columns);
        font ??= Body;
        var lineHeight = font.GetHeight() * 1.15;
        const double Gap = 6;
        var wrapped = cells.Select((cell, i) => Wrap(Clean(cell), font, Width * columns[i] - Gap)).ToList();
        var height = wrapped.Max(lines => lines.Count) * lineHeight;
        KeepRoom(height + 2);
        var x = Margin;
        for (var i = 0; i < wrapped.Count; i++)
        {
            for (var line = 0; line < wrapped[i].Count; line++)
            {
                graphics!.DrawString(wrapped[i][line], font, XBrushes.Black, new XRect(x, y + line * lineHeight, Width * columns[i] - Gap, lineHeight), XStringFormats.TopLeft);
            }
            x += Width * columns[i];
        }
        y += height + 2;
    }

    public void Rule()
    {
        KeepRoom(10);
        graphics!.DrawLine(XPens.LightGray, Margin, y + 4, Margin + Width, y + 4);
        y += 10;
    }

    /// <summary>A QR code drawn as squares (no image decoding), <paramref name="size"/> points wide.</summary>
    public void Qr(string text, double size)
    {
        using var generator = new QRCoder.QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCoder.QRCodeGenerator.ECCLevel.M);
        var modules = data.ModuleMatrix;
        KeepRoom(size);
        var cell = size / modules.Count;
        for (var row = 0; row < modules.Count; row++)
        {
            for (var column = 0; column < modules[row].Count; column++)
            {
                if (modules[row][column])
                {
                    graphics!.DrawRectangle(XBrushes.Black, Margin + column * cell, y + row * cell, cell, cell);
                }
            }
        }
        y += size + 6;
    }

    /// <summary>An image fitted inside a small box; false when the bytes are not an image PDFsharp can draw.</summary>
    public bool Image(byte[] bytes, double maxWidth, double maxHeight, double indent)
    {
        try
        {
            using var image = XImage.FromStream(new MemoryStream(bytes, writable: false));
            var scale = Math.Min(maxWidth / image.PointWidth, maxHeight / image.PointHeight);
            scale = Math.Min(scale, 1);
            var (w, h) = (image.PointWidth * scale, image.PointHeight * scale);
            KeepRoom(h + 4);
            graphics!.DrawImage(image, Margin + indent, y, w, h);
            y += h + 4;
            return true;
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or NotSupportedException or InvalidDataException or IndexOutOfRangeException or EndOfStreamException)
        {
            return false;
        }
    }

    public void Dispose() => graphics?.Dispose();

    // Control characters would draw as boxes or upset a reader; tabs become spaces, line breaks are kept.
    // Most text has none, and is returned as it is: a report draws thousands of strings.
    internal static string Clean(string text)
    {
        if (!text.AsSpan().ContainsAnyInRange('\0', '\x1f') && !text.AsSpan().ContainsAnyInRange('\x7f', '\x9f'))
        {
            return text;
        }
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n'))
        {
            builder.Append(c == '\n' ? c : c == '\t' ? ' ' : char.IsControl(c) ? ' ' : c);
        }
        return builder.ToString();
    }

    /// <summary>
    /// The lines <paramref name="text"/> wraps to within <paramref name="width"/>: at spaces, and inside a word too
    /// long for a line; each line break starts a new line. Leading spaces of a line are dropped.
    /// </summary>
    internal List<string> Wrap(string text, XFont font, double width)
    {
        // A line's width is the sum of its words' widths and spaces (the report draws without kerning), so each
        // word is measured once, not every candidate line: a 1,000-entry report measured whole lines before.
        // A line is a slice of the text (its words keep their single spaces), so no word or line is built twice.
        var lines = new List<string>();
        var sizes = Widths(font);
        var space = Measure(" ", font, sizes);
        var paragraphStart = 0;
        while (paragraphStart <= text.Length)
        {
            var paragraphEnd = text.IndexOf('\n', paragraphStart);
            if (paragraphEnd < 0)
            {
                paragraphEnd = text.Length;
            }
            var lineStart = -1; // no line yet: empty words before the first one are dropped
            var lineEnd = 0;
            var lineWidth = 0.0;
            var wordStart = paragraphStart;
            while (wordStart <= paragraphEnd)
            {
                var wordEnd = text.IndexOf(' ', wordStart, paragraphEnd - wordStart);
                if (wordEnd < 0)
                {
                    wordEnd = paragraphEnd;
                }
                var word = text.AsSpan(wordStart, wordEnd - wordStart);
                var wordWidth = Measure(word, font, sizes);
                var candidate = lineStart < 0 ? wordWidth : lineWidth + space + wordWidth;
                if (candidate <= width)
                {
                    if (lineStart < 0 && word.Length > 0)
                    {
                        lineStart = wordStart;
                    }
                    lineEnd = wordEnd;
                    lineWidth = lineStart < 0 ? 0 : candidate;
                }
                else
                {
                    if (lineStart >= 0)
                    {
                        lines.Add(text[lineStart..lineEnd]);
                    }
                    // A word longer than the line is cut where it no longer fits.
                    var restStart = wordStart;
                    while (restStart < wordEnd && Measure(text.AsSpan(restStart, wordEnd - restStart), font, sizes) > width)
                    {
                        var take = 1;
                        while (restStart + take < wordEnd && Measure(text.AsSpan(restStart, take + 1), font, sizes) <= width)
                        {
                            take++;
                        }
                        lines.Add(text.Substring(restStart, take));
                        restStart += take;
                    }
                    (lineStart, lineEnd) = restStart < wordEnd ? (restStart, wordEnd) : (-1, wordEnd);
                    lineWidth = lineStart < 0 ? 0 : Measure(text.AsSpan(restStart, wordEnd - restStart), font, sizes);
                }
                wordStart = wordEnd + 1;
            }
            lines.Add(lineStart < 0 ? "" : text[lineStart..lineEnd]);
            paragraphStart = paragraphEnd + 1;
        }
        return lines;
    }

    private Dictionary<string, double>.AlternateLookup<ReadOnlySpan<char>> Widths(XFont font)
    {
        if (!widths.TryGetValue(font, out var sizes))
        {
            widths[font] = sizes = new Dictionary<string, double>(StringComparer.Ordinal);
        }
        return sizes.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    private double Measure(ReadOnlySpan<char> text, XFont font, Dictionary<string, double>.AlternateLookup<ReadOnlySpan<char>> sizes)
    {
        if (!sizes.TryGetValue(text, out var width))
        {
            var key = text.ToString();
            width = graphics!.MeasureString(key, font).Width;
            if (text.Length <= 40)
            {
                sizes.Dictionary[key] = width; // words repeat; long runs do not
            }
        }
        return width;
    }
}
