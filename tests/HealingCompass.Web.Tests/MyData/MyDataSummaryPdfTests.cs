using System.Globalization;
using HealingCompass.Data.MyData;
using HealingCompass.Data.Plans;
using HealingCompass.Domain.Assessment;
using HealingCompass.Domain.CheckIns;
using HealingCompass.Domain.Journal;
using HealingCompass.Domain.Plans;
using HealingCompass.Web.Components.MyData;
using HealingCompass.Web.Tests.Journal;

namespace HealingCompass.Web.Tests.MyData;

/// <summary>
/// summary.pdf, opened by poppler as the journal report's tests open it: every page renders, the first says the
/// file is not encrypted, and the person's own words come out exactly as typed beside the results' own wording.
/// </summary>
public sealed class MyDataSummaryPdfTests
{
    private const string OwnWords = "Summary-sentinel-M3V <i>as typed</i> & {{ kept }}";
    private const string OwnBoundary = "Boundary-sentinel-J5T: I take a walk when voices rise";

    [Fact]
    public void The_summary_renders_every_page_says_first_it_is_not_encrypted_and_shows_the_persons_words_as_typed()
    {
        var created = new DateTime(2026, 11, 2, 18, 0, 0, DateTimeKind.Utc);
        var answers = new AnswerSet().Set("reflection.notes", AnswerValue.FreeText(OwnWords));
        var commitmentId = Guid.NewGuid();
        var journal = new JournalReportPdfTests.ChainOf()
            .Add(Guid.NewGuid(), VersionKind.Create, EntryJson.Write(new EntryContent { WhatHappened = "Journal words stay in the journal report" }))
            .Export();
        var checkIn = new CheckInAnswers
        {
            WeekFelt = 2,
            FeltSafe = 4,
            BoundariesHeld = [commitmentId.ToString()],
            BoundariesListed = 1,
            CommitmentsListed = 0,
            Note = "Private-note-sentinel-Q7X",
        };
        var content = new MyDataContent(
            new DateTimeOffset(2026, 12, 3, 9, 30, 0, TimeSpan.Zero),
            [new ExportedAssessment(false, created, created, answers), new ExportedAssessment(true, created, created.AddDays(3), new AnswerSet())],
            new ExportedPlan(created, created, new PlanSettings("1.0.0", [TrackIds.PersonalHealing], DayOfWeek.Sunday, "Europe/London", new DateOnly(2026, 11, 2), null)),
            [new ExportedCommitment(commitmentId, CommitmentSource.Own, CommitmentKind.Boundary, CommitmentStatus.Paused, created, created, null, OwnBoundary, OwnBoundary, "")],
            [new ExportedCheckIn(new DateOnly(2026, 11, 8), false, created.AddDays(6), created.AddDays(6), checkIn)],
            journal);

        var pdf = MyDataSummaryPdf.Write(content);

        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(pdf, 0, 5), StringComparison.Ordinal);
        using var folder = new JournalReportPdfTests.TempFolder();
        var path = Path.Combine(folder.Path, "summary.pdf");
        File.WriteAllBytes(path, pdf);
        var info = JournalReportPdfTests.Run("pdfinfo", path);
        var pages = int.Parse(info.Split('\n').Single(l => l.StartsWith("Pages:", StringComparison.Ordinal))["Pages:".Length..].Trim(), CultureInfo.InvariantCulture);
        JournalReportPdfTests.Run("pdftoppm", "-png", "-r", "40", path, Path.Combine(folder.Path, "page"));
        var pngs = Directory.GetFiles(folder.Path, "page*.png");
        Assert.True(pages >= 5, $"{pages} pages");
        Assert.Equal(pages, pngs.Length);
        Assert.All(pngs, png => Assert.True(new FileInfo(png).Length > 500, png));
        // A neutral document title: viewers show it in tabs and file lists.
        Assert.Contains("Title:           Summary", info, StringComparison.Ordinal);

        var firstPage = JournalReportPdfTests.Run("pdftotext", "-f", "1", "-l", "1", path, "-");
        Assert.Contains("THIS FILE IS NOT ENCRYPTED", firstPage, StringComparison.Ordinal);
        Assert.Contains("somewhere safe", firstPage, StringComparison.Ordinal);
        var text = JournalReportPdfTests.Run("pdftotext", "-layout", path, "-");
        Assert.Contains(OwnWords, text, StringComparison.Ordinal);
        Assert.Contains("Boundary-sentinel-J5T: I take a walk", text, StringComparison.Ordinal);
        Assert.Contains("Paused; a boundary, your own.", text, StringComparison.Ordinal);
        Assert.Contains("Still being answered", text, StringComparison.Ordinal);
        Assert.Contains("What repair could rest on", text, StringComparison.Ordinal);
        Assert.Contains(HealingCompass.Web.Results.ResultWording.SafetyHeading(AssessmentScorer.Score(answers).Safety.Level), text, StringComparison.Ordinal);
        Assert.Contains(HealingCompass.Domain.Content.ContentCatalog.Default.GetTrack(TrackIds.PersonalHealing).Title, text, StringComparison.Ordinal);
        Assert.Contains("8 Nov 2026", text, StringComparison.Ordinal);
        Assert.Contains("1 of 1", text, StringComparison.Ordinal);
        Assert.Contains(journal.Fingerprint, text, StringComparison.Ordinal);
        Assert.Contains("journal-report.pdf", text, StringComparison.Ordinal);
        // Private notes and the journal's words are in their own parts, not in the page made to be glanced at.
        Assert.DoesNotContain("Private-note-sentinel-Q7X", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Journal words stay", text, StringComparison.Ordinal);
    }
}
