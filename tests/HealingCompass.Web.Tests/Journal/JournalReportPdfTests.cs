using System.Diagnostics;
using HealingCompass.Domain.Journal;
using HealingCompass.Domain.Journal.Evidence;
using HealingCompass.Web.Components.Journal.Report;
using HealingCompass.Web.Tests.Support;

namespace HealingCompass.Web.Tests.Journal;

/// <summary>
/// The PDF report, opened by poppler (pdftoppm renders every page, pdftotext reads the words back): the first page
/// warns it is not encrypted, the head fingerprint is there, every version and field, attachments with their hash
/// and a location flagged, text drawn as it was typed.
/// </summary>
public sealed class JournalReportPdfTests
{
    private static readonly DateTimeOffset Written = new(2026, 3, 10, 20, 15, 0, TimeSpan.Zero);

    [Fact]
    public void The_report_opens_renders_every_page_and_shows_the_fingerprint_every_version_and_the_persons_words_as_typed()
    {
        var entry = Guid.NewGuid();
        var photo = new EntryAttachment(Guid.NewGuid(), "screenshot-of-message.png", "image/png", 2048, new string('a', 64), new FileSays("2026:03:10 20:01:00", "Phone Maker X1", HasLocation: true));
        var first = new EntryContent
        {
            WhatHappened = "He shouted <b>not bold</b> & {{ not a template }} at the door",
            Happened = new HappenedAt(new DateOnly(2026, 3, 9), new TimeOnly(21, 40)),
            WordsSaid = "You will regret this",
            Witnesses = "The neighbour",
            Severity = 4,
        };
        var second = first with { WhatHappened = first.WhatHappened + ", and then left", Attachments = [photo] };
        var longWord = new string('x', 400);
        var erased = Guid.NewGuid();
        var export = new ChainOf()
            .Add(entry, VersionKind.Create, EntryJson.Write(first))
            .Add(erased, VersionKind.Create, EntryJson.Write(new EntryContent { WhatHappened = "gone" }))
            .Add(entry, VersionKind.Edit, EntryJson.Write(second, "remembered the photo"))
            .Add(erased, VersionKind.Erase, null)
            .Add(Guid.NewGuid(), VersionKind.Create, EntryJson.Write(new EntryContent { WhatHappened = longWord + " " + string.Join(' ', Enumerable.Repeat("a long telling", 600)) }))
            .Export();
        var pdf = JournalReportPdf.Write(export, new Dictionary<Guid, byte[]> { [photo.Id] = TestPng.Rgb(320, 200) });

        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(pdf, 0, 5), StringComparison.Ordinal);
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "report.pdf");
        File.WriteAllBytes(path, pdf);

        var pages = int.Parse(Run("pdfinfo", path).Split('\n').Single(l => l.StartsWith("Pages:", StringComparison.Ordinal))["Pages:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Run("pdftoppm", "-png", "-r", "40", path, Path.Combine(folder.Path, "page"));
        var pngs = Directory.GetFiles(folder.Path, "page*.png");
        Assert.True(pages >= 5, $"{pages} pages");
        Assert.Equal(pages, pngs.Length);
        Assert.All(pngs, png => Assert.True(new FileInfo(png).Length > 500, png));

        var text = Run("pdftotext", "-layout", path, "-");
        var firstPage = Run("pdftotext", "-f", "1", "-l", "1", path, "-");
        Assert.Contains("THIS FILE IS NOT ENCRYPTED", firstPage, StringComparison.Ordinal);
        Assert.Contains(export.Fingerprint, firstPage, StringComparison.Ordinal);
        Assert.Contains("the whole journal", firstPage, StringComparison.Ordinal);
        Assert.Contains("He shouted <b>not bold</b> & {{ not a template }} at the door", text, StringComparison.Ordinal);
        Assert.Contains("You will regret this", text, StringComparison.Ordinal);
        Assert.Contains("9 March 2026 at 21:40", text, StringComparison.Ordinal);
        Assert.Contains("Edited once", text, StringComparison.Ordinal);
        Assert.Contains("Version 2: Edited", text, StringComparison.Ordinal);
        Assert.Contains("remembered the photo", text, StringComparison.Ordinal);
        Assert.Contains("Erased for good", text, StringComparison.Ordinal);
        Assert.Contains("screenshot-of-message.png", text, StringComparison.Ordinal);
        Assert.Contains(photo.Sha256, text, StringComparison.Ordinal);
        Assert.Contains("holds a location (GPS)", text, StringComparison.Ordinal);
        Assert.Contains("Phone Maker X1 (not verified)", text, StringComparison.Ordinal);
        Assert.Contains("How to check this record", Run("pdftotext", "-f", pages.ToString(System.Globalization.CultureInfo.InvariantCulture), path, "-"), StringComparison.Ordinal);
        // The long word was cut to fit, not lost.
        Assert.Contains(longWord, string.Concat(text.Where(c => !char.IsWhiteSpace(c))), StringComparison.Ordinal);
        Assert.DoesNotContain(longWord, text, StringComparison.Ordinal);
        Assert.DoesNotContain("could not be shown", text, StringComparison.Ordinal);
        // The picture is drawn: pdfimages lists one image after its two header lines.
        Assert.Single(Run("pdfimages", "-list", path).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(2));
    }

    [Fact]
    public void A_period_report_leaves_out_other_entries_and_says_how_many_versions_are_outside()
    {
        var inside = Guid.NewGuid();
        var outside = Guid.NewGuid();
        var export = new ChainOf()
            .Add(inside, VersionKind.Create, EntryJson.Write(new EntryContent { WhatHappened = "Inside words" }))
            .Add(outside, VersionKind.Create, EntryJson.Write(new EntryContent { WhatHappened = "Outside words" }))
            .Export(v => v.EntryId == outside, new ExportPeriod(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31)));

        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "report.pdf");
        File.WriteAllBytes(path, JournalReportPdf.Write(export, new Dictionary<Guid, byte[]>()));
        var text = Run("pdftotext", path, "-");

        Assert.Contains("1 March 2026 to 31 March 2026", text, StringComparison.Ordinal);
        Assert.Contains("Inside words", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Outside words", text, StringComparison.Ordinal);
        Assert.Contains("1 versions belong to entries outside this period", text, StringComparison.Ordinal);
    }

    internal static string Run(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{tool}: {error}");
        return output;
    }

    /// <summary>A valid chain built with the journal's own hashing, for exports without a database.</summary>
    internal sealed class ChainOf
    {
        private readonly List<(ChainVersion Link, byte[]? Salt, byte[]? Content)> links = [];
        private readonly Dictionary<Guid, int> numbers = [];
        private ChainHead? head;

        public ChainOf Add(Guid entryId, VersionKind kind, byte[]? content)
        {
            var salt = VersionChain.NewSalt();
            var number = numbers[entryId] = numbers.GetValueOrDefault(entryId) + 1;
            var digest = VersionChain.ContentDigest(salt, content ?? []);
            var link = VersionChain.Append(head, Guid.NewGuid(), entryId, number, Written.AddMinutes(links.Count), kind, digest);
            head = new ChainHead(link.Sequence, link.Hash);
            links.Add((link, kind == VersionKind.Erase ? null : salt, content));
            if (kind == VersionKind.Erase)
            {
                // Erasing takes every earlier version's words and salt with it.
                for (var i = 0; i < links.Count; i++)
                {
                    if (links[i].Link.EntryId == entryId)
                    {
                        links[i] = (links[i].Link, null, null);
                    }
                }
            }
            return this;
        }

        public JournalExport Export(Func<ExportedVersion, bool>? outside = null, ExportPeriod? period = null) =>
            new(Written.AddDays(1), [.. links.Select(l =>
            {
                var v = new ExportedVersion(l.Link.EntryId, l.Link.VersionNumber, l.Link.Kind, l.Link.WrittenAt.ToUnixTimeMilliseconds(), l.Link.PreviousHash, l.Salt, l.Content, l.Link.ContentDigest, l.Link.Hash);
                return outside?.Invoke(v) == true ? v with { Salt = null, Content = null, OutsidePeriod = true } : v;
            })], head, period);
    }

    internal sealed class TempFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("hc-report-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
