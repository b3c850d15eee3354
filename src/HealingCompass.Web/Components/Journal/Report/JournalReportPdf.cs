using System.Globalization;
using HealingCompass.Domain.Journal;
using HealingCompass.Domain.Journal.Evidence;
using HealingCompass.Web.Components.Report;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace HealingCompass.Web.Components.Journal.Report;

/// <summary>
/// The journal as a PDF for a person (or an advocate) to read: a first page that says the file is not encrypted,
/// with the period, the entry count and the head fingerprint (also as a QR code); then every entry in the period
/// with both times, all its fields and every version; a last page on how to check the record. The words come from
/// the exported versions themselves, so the PDF shows what journal.json proves.
/// </summary>
public static class JournalReportPdf
{
    private const double ImageBox = 140;

    /// <param name="export">The export the report is made from.</param>
    /// <param name="images">Original bytes of image attachments, by attachment id; any missing is listed without a picture.</param>
    public static byte[] Write(JournalExport export, IReadOnlyDictionary<Guid, byte[]> images)
    {
        ArgumentNullException.ThrowIfNull(export);
        ArgumentNullException.ThrowIfNull(images);
        ReportFonts.Install();
        var entries = ReportEntries.From(export);
        using var document = new PdfDocument();
        // Neutral: the document's own title is shown in viewers' tabs and file lists.
        document.Info.Title = "Report";
        document.Info.Creator = "HealingCompass";
        using (var pages = new ReportPages(document))
        {
            Cover(pages, export, entries);
            var shown = new HashSet<Guid>();
            for (var i = 0; i < entries.Count; i++)
            {
                Entry(pages, entries[i], i + 1, images, shown);
            }
            HowToCheck(pages, export);
        }
        using var buffer = new MemoryStream();
        document.Save(buffer, closeStream: false);
        return buffer.ToArray();
    }

    private static void Cover(ReportPages pages, JournalExport export, IReadOnlyList<ReportEntry> entries)
    {
        pages.Text("THIS FILE IS NOT ENCRYPTED", pages.Title, brush: XBrushes.DarkRed);
        pages.Text("Anyone who opens it can read every entry in it. Please keep it somewhere safe, and share it only with someone you trust, such as an advocate or a lawyer.");
        pages.Space(14);
        pages.Text("Journal report", pages.Title);
        pages.Space(6);
        pages.Field("Period", ExportPeriod.Describe(export.Period));
        pages.Field("Entries in this report", entries.Count.ToString(CultureInfo.InvariantCulture));
        pages.Field("Exported", JournalWording.When(export.ExportedAt));
        pages.Field("Versions in the record", export.Versions.Count.ToString(CultureInfo.InvariantCulture));
        var outside = export.Versions.Count(v => v.OutsidePeriod);
        if (outside > 0)
        {
            pages.Field("Outside the period", $"{outside} versions belong to entries outside this period. Their hashes are in journal.json, so the record stays whole; their words are not in this export.");
        }
        pages.Field("Head fingerprint", export.Fingerprint);
        pages.Text("The fingerprint sums up the whole record. If anything in it were changed, removed or put out of order, it would be different. The code below holds the same fingerprint, the record's length and its full head hash.", pages.Small);
        pages.Space(4);
        pages.Qr($"HealingCompass journal head {export.Fingerprint} length {export.Head?.Length ?? 0} hash {Convert.ToHexStringLower(export.Head?.Hash ?? VersionChain.Genesis)}", 120);
        if (export.Earlier.Count > 0)
        {
            pages.Text("Earlier exports of this journal", pages.Strong);
            foreach (var earlier in export.Earlier)
            {
                pages.Text($"{JournalWording.When(earlier.ExportedAt)}: fingerprint {earlier.Fingerprint} after {earlier.Length} versions", indent: 10);
            }
            pages.Space(6);
        }
        pages.Text("HealingCompass is not therapy and not an emergency service. If you are in danger now, call your local emergency number.", pages.Small);
    }

    private static void Entry(ReportPages pages, ReportEntry entry, int number, IReadOnlyDictionary<Guid, byte[]> images, HashSet<Guid> shown)
    {
        pages.NewPage();
        pages.Text($"Entry {number}", pages.Heading);
        var latest = entry.Latest;
        pages.Field("When it happened (as written in the entry)", latest is null ? "Not known: the entry was erased" : JournalWording.Happened(latest));
        pages.Field("When it was first written (the app's clock)", JournalWording.When(entry.FirstWritten));
        pages.Field("History", $"{JournalWording.Edited(entry.Edits)}; {entry.Versions.Count} {(entry.Versions.Count == 1 ? "version" : "versions")} in all, each shown below.");
        if (entry.Removal is { } removal)
        {
            pages.Field("Removed", $"Taken out of the journal on {JournalWording.When(removal.WrittenAt)}. Its history is kept and shown here.");
        }
        if (entry.Erasure is { } erasure)
        {
            pages.Field("Erased", $"Erased for good on {JournalWording.When(erasure.WrittenAt)}. Its words are gone; only the hashes that keep the record whole are left.");
        }
        foreach (var version in entry.Versions)
        {
            pages.Rule();
            pages.Text($"Version {version.Number}: {JournalWording.Kind(version.Kind)}, {JournalWording.When(version.WrittenAt)}", pages.Strong);
            pages.Space(3);
            if (version.Content is { } content)
            {
                Fields(pages, content, version.ChangeReason, images, shown);
            }
            else if (version.Unreadable)
            {
                pages.Text("This version's words could not be read from the export.", indent: 10);
            }
            else if (version.Kind is VersionKind.Create or VersionKind.Edit)
            {
                pages.Text("Its words were erased for good.", indent: 10);
            }
        }
    }

    private static void Fields(ReportPages pages, EntryContent content, string? reason, IReadOnlyDictionary<Guid, byte[]> images, HashSet<Guid> shown)
    {
        const double indent = 10;
        pages.Field("When it happened", JournalWording.Happened(content), indent);
        pages.Field("What happened", content.WhatHappened, indent);
        if (content.Categories.Count > 0)
        {
            pages.Field("What kind of thing", string.Join(", ", content.Categories.Select(JournalCategories.LabelFor)), indent);
        }
        if (content.Severity is { } severity && SeverityScale.IsValid(severity))
        {
            pages.Field("How serious it felt", SeverityScale.Label(severity), indent);
        }
        if (content.ChildrenPresent is { } children)
        {
            pages.Field("Children there", children ? "Yes" : "No", indent);
        }
        foreach (var (label, text) in new (string, string?)[]
        {
            ("Exact words said", content.WordsSaid),
            ("How it felt", content.HowItFelt),
            ("What I did, or which boundary I held", content.WhatIDid),
            ("Who saw or heard it", content.Witnesses),
            ("Injuries, or a visit to a doctor or hospital", content.Injuries),
            ("A report to the police or someone else", content.Report),
            ("The report's reference number", content.ReportNumber),
            ("Where it happened", content.Place),
            ("Other evidence, and where it is kept", content.OtherEvidence),
            ("Why this was changed", reason),
        })
        {
            if (!string.IsNullOrWhiteSpace(text))
            {
                pages.Field(label, text, indent);
            }
        }
        foreach (var file in content.Attachments)
        {
            Attachment(pages, file, images, shown, indent);
        }
    }

    private static void Attachment(ReportPages pages, EntryAttachment file, IReadOnlyDictionary<Guid, byte[]> images, HashSet<Guid> shown, double indent)
    {
        pages.KeepRoom(60);
        pages.Text($"Attached file: {file.FileName}", pages.Strong, indent);
        pages.Text($"Type {file.MediaType}, {Size(file.Size)}", indent: indent + 10);
        pages.Text($"SHA-256 {file.Sha256}", pages.Small, indent + 10);
        if (file.Says is { } says)
        {
            if (!string.IsNullOrWhiteSpace(says.TakenAt))
            {
                pages.Text($"The file says it was taken {says.TakenAt} (not verified)", indent: indent + 10);
            }
            if (!string.IsNullOrWhiteSpace(says.Device))
            {
                pages.Text($"The file says it came from {says.Device} (not verified)", indent: indent + 10);
            }
            if (says.HasLocation)
            {
                pages.Text("This file holds a location (GPS). Anyone given the original can see where it was taken.", pages.Strong, indent + 10, XBrushes.DarkRed);
            }
        }
        // Each picture once, at the first version that lists it.
        if (file.MediaType.StartsWith("image/", StringComparison.Ordinal) && images.TryGetValue(file.Id, out var bytes) && shown.Add(file.Id)
            && !pages.Image(bytes, ImageBox, ImageBox, indent + 10))
        {
            pages.Text("This picture could not be shown here; the original is kept as it was.", pages.Small, indent + 10);
        }
        pages.Space(4);
    }

    private static void HowToCheck(ReportPages pages, JournalExport export)
    {
        pages.NewPage();
        pages.Text("How to check this record", pages.Heading);
        pages.Space(4);
        foreach (var paragraph in new[]
        {
            "Every version of every entry was given a hash when it was written: a short code worked out from its words, its time and the version before it. Each one builds on the last, like links in a chain, so changing, removing or reordering anything changes every link after it, and the fingerprint at the end.",
            "This PDF is for reading. The proof is in journal.json, which comes with it in the ZIP export. To check it, open the /verify page of the HealingCompass app (no account is needed and nothing is kept) and upload the ZIP or journal.json. It says whether every version, hash and link holds, and if not, where the first break is.",
            "You can also check it without the app: docs/evidence-format.md in the app's source explains the steps, which work with standard tools such as sha256sum, and a short Python script, tools/verify-journal, does them all.",
            $"The record checked ends in the fingerprint {export.Fingerprint}. If you noted a fingerprint from an earlier export, type it on the /verify page: if it is a point of this chain, nothing written up to then was changed.",
            "What a check cannot show: that the server's clock was right, or, to someone who never saw an earlier fingerprint, that the whole record was not rebuilt. Keeping a fingerprint outside the app now and then, written down or sent to someone you trust, is what closes that gap.",
        })
        {
            pages.Text(paragraph);
            pages.Space(8);
        }
        pages.Text("HealingCompass is not therapy and not an emergency service.", pages.Small);
    }

    private static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} bytes",
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KB ({bytes} bytes)"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MB ({bytes} bytes)"),
    };
}
