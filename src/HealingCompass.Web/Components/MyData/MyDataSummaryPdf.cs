using System.Globalization;
using HealingCompass.Data.MyData;
using HealingCompass.Domain.Assessment;
using HealingCompass.Domain.CheckIns;
using HealingCompass.Domain.Content;
using HealingCompass.Domain.Journal.Evidence;
using HealingCompass.Domain.Plans;
using HealingCompass.Web.Components.Journal;
using HealingCompass.Web.Components.Report;
using HealingCompass.Web.Results;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace HealingCompass.Web.Components.MyData;

/// <summary>
/// <c>summary.pdf</c> in "Export everything": a readable summary of what the archive holds. A first page that says
/// the file is not encrypted; then every saved assessment with its date and what the results page said (the same
/// words: the safety heading and summary, what repair could rest on, each part's score, the person's own words);
/// the kept plan's paths and every commitment with its state; the check-ins as a table; and what the journal holds
/// (entries, period, head fingerprint). The journal's own full report is its own part, journal-report.pdf, so its
/// entries are not repeated here. Everything is drawn as plain text (see <see cref="ReportPages"/>).
/// </summary>
public static class MyDataSummaryPdf
{
    private static readonly double[] CheckInColumns = [0.16, 0.24, 0.24, 0.18, 0.18];

    public static byte[] Write(MyDataContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        ReportFonts.Install();
        using var document = new PdfDocument();
        // Neutral: the document's own title is shown in viewers' tabs and file lists.
        document.Info.Title = "Summary";
        document.Info.Creator = "HealingCompass";
        using (var pages = new ReportPages(document))
        {
            Cover(pages, content);
            Assessments(pages, content.Assessments);
            Plan(pages, content);
            CheckIns(pages, content);
            Journal(pages, content.Journal);
        }
        using var buffer = new MemoryStream();
        document.Save(buffer, closeStream: false);
        return buffer.ToArray();
    }

    private static void Cover(ReportPages pages, MyDataContent content)
    {
        pages.Text("THIS FILE IS NOT ENCRYPTED", pages.Title, brush: XBrushes.DarkRed);
        pages.Text("Anyone who opens it can read what you kept in HealingCompass. Please keep it somewhere safe that only you can reach, and delete copies you no longer need.");
        pages.Space(14);
        pages.Text("Everything you kept: a summary", pages.Title);
        pages.Space(6);
        pages.Field("Exported", JournalWording.When(content.ExportedAt));
        pages.Field("Saved assessments", Count(content.Assessments.Count(a => !a.IsDraft), "completed", "completed") + (content.Assessments.Any(a => a.IsDraft) ? ", and one still being answered" : ""));
        pages.Field("Kept plan", content.Plan is null ? "None kept" : $"Kept, with {Count(content.Commitments.Count, "commitment", "commitments")}");
        pages.Field("Weekly check-ins", Count(content.CheckIns.Count, "check-in", "check-ins"));
        pages.Field("Journal", $"{Count(ReportEntries.From(content.Journal).Count, "entry", "entries")}, head fingerprint {content.Journal.Fingerprint}");
        pages.Space(6);
        pages.Text("This summary is for reading. The JSON files beside it in the ZIP hold everything exactly, and can be brought into a new account on any HealingCompass server.", pages.Small);
        pages.Text("HealingCompass is not therapy and not an emergency service. Its results are not a diagnosis. If you are in danger now, call your local emergency number.", pages.Small);
    }

    private static void Assessments(ReportPages pages, IReadOnlyList<ExportedAssessment> assessments)
    {
        pages.NewPage();
        pages.Text("Saved assessments", pages.Heading);
        pages.Space(4);
        if (assessments.Count == 0)
        {
            pages.Text("No saved assessments.");
            return;
        }
        foreach (var assessment in assessments.OrderBy(a => a.IsDraft).ThenBy(a => a.UpdatedUtc))
        {
            if (assessment.IsDraft)
            {
                pages.Text($"Still being answered (last saved {When(assessment.UpdatedUtc)}): no results yet.", pages.Strong);
                pages.Space(6);
                continue;
            }
            var result = AssessmentScorer.Score(assessment.Answers);
            pages.KeepRoom(80);
            pages.Text($"Completed {When(assessment.UpdatedUtc)}", pages.Strong);
            pages.Field("Safety", $"{ResultWording.SafetyHeading(result.Safety.Level)}. {result.Safety.Summary}", 10);
            pages.Field("What repair could rest on", string.Join("\n", result.Repairability.Explanation.Prepend(ResultWording.Band(result.Repairability.Band))), 10);
            pages.Field("Each part", string.Join("\n", result.Factors.Select(f => $"{f.Factor.Title}: {ResultWording.Score(f.Score)}")), 10);
            foreach (var reflection in result.Reflections)
            {
                pages.Field(reflection.Question.Definition.Text, reflection.AnswerLabel, 10);
            }
            pages.Rule();
        }
    }

    private static void Plan(ReportPages pages, MyDataContent content)
    {
        pages.NewPage();
        pages.Text("Your kept plan", pages.Heading);
        pages.Space(4);
        if (content.Plan is not { } plan)
        {
            pages.Text("No plan was kept.");
            return;
        }
        var settings = plan.Settings;
        pages.Field("Paths", string.Join("\n", settings.ChosenTracks.Select(id => ContentCatalog.Default.TryGetTrack(id, out var track) ? track.Title : id)));
        pages.Field("Check-in day", $"{settings.CheckInDay}, in {settings.TimeZoneId} time; kept since {settings.KeptSince.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"))}");
        pages.Text("Commitments", pages.Strong);
        if (content.Commitments.Count == 0)
        {
            pages.Text("None.", indent: 10);
        }
        foreach (var commitment in content.Commitments)
        {
            var from = commitment.Source == CommitmentSource.Own ? "your own" : "from the plan";
            var kind = commitment.Kind == CommitmentKind.Boundary ? "a boundary" : "a practice";
            pages.Field(commitment.Title, $"{State(commitment.Status)}; {kind}, {from}." + (string.IsNullOrWhiteSpace(commitment.Text) || commitment.Text == commitment.Title ? "" : "\n" + commitment.Text), 10);
        }
    }

    private static void CheckIns(ReportPages pages, MyDataContent content)
    {
        pages.NewPage();
        pages.Text("Weekly check-ins", pages.Heading);
        pages.Space(4);
        if (content.CheckIns.Count == 0)
        {
            pages.Text("No check-ins.");
            return;
        }
        pages.Text("Your own notes are in check-ins.json; they are left out here, so this page can be shown to someone without them.", pages.Small);
        pages.Space(4);
        pages.Row(["Week", "How the week felt", "How safe you felt", "Boundaries held", "Commitments kept"], CheckInColumns, pages.Strong);
        var questions = CheckInQuestions.Default;
        foreach (var checkIn in content.CheckIns.OrderBy(c => c.Week))
        {
            var a = checkIn.Answers;
            pages.Row(
                [
                    checkIn.Week.ToString("d MMM yyyy", CultureInfo.GetCultureInfo("en-GB")) + (checkIn.WasLate ? " (late)" : ""),
                    Point(questions, CheckInQuestions.WeekFelt, a, a.WeekFelt),
                    Point(questions, CheckInQuestions.FeltSafe, a, a.FeltSafe),
                    a.BoundariesListed == 0 ? "none listed" : $"{a.BoundariesHeld.Count} of {a.BoundariesListed}",
                    a.CommitmentsListed == 0 ? "none listed" : $"{a.CommitmentsKept.Count} of {a.CommitmentsListed}",
                ],
                CheckInColumns);
        }
    }

    private static void Journal(ReportPages pages, JournalExport journal)
    {
        pages.NewPage();
        pages.Text("Your journal", pages.Heading);
        pages.Space(4);
        var entries = ReportEntries.From(journal);
        var written = journal.Versions.Select(v => DateTimeOffset.FromUnixTimeMilliseconds(v.WrittenAtUnixMs)).ToList();
        pages.Field("Entries", entries.Count.ToString(CultureInfo.InvariantCulture));
        pages.Field("Versions in the record", journal.Versions.Count.ToString(CultureInfo.InvariantCulture));
        pages.Field("Written", written.Count == 0 ? "Nothing written yet" : $"from {JournalWording.When(written.Min())} to {JournalWording.When(written.Max())}");
        pages.Field("Files added to entries", EvidenceFiles.Listed(journal).Count.ToString(CultureInfo.InvariantCulture));
        pages.Field("Head fingerprint", journal.Fingerprint);
        pages.Text("The fingerprint sums up the whole record: if anything in it were changed, removed or put out of order, it would be different.", pages.Small);
        pages.Space(6);
        pages.Text($"Every entry, with every version and the files' SHA-256, is in {EvidenceZip.ReportName} in this ZIP, the journal's own full report. journal.json and the files under attachments/ can be checked on any HealingCompass /verify page, with no account.");
    }

    // The scale's own label for the point, in the wording the week was asked with.
    private static string Point(CheckInQuestions questions, string questionId, CheckInAnswers answers, int value)
    {
        var version = answers.Versions.TryGetValue(questionId, out var v) ? v : questions[questionId].Current.Version;
        var label = questions.Wording(questionId, version).Points.FirstOrDefault(p => p.Value == value)?.Label;
        return label is null ? value.ToString(CultureInfo.InvariantCulture) : $"{value.ToString(CultureInfo.InvariantCulture)}: {label}";
    }

    private static string State(CommitmentStatus status) => status switch
    {
        CommitmentStatus.Paused => "Paused",
        CommitmentStatus.Dropped => "Dropped",
        _ => "Active",
    };

    private static string When(DateTime utc) => JournalWording.When(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)));

    private static string Count(int n, string one, string many) => $"{n.ToString(CultureInfo.InvariantCulture)} {(n == 1 ? one : many)}";
}
