using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using HealingCompass.Data.Plans;
using HealingCompass.Domain.Activity;
using HealingCompass.Domain.Assessment;
using HealingCompass.Domain.CheckIns;
using HealingCompass.Domain.Journal.Evidence;
using HealingCompass.Domain.MyData;
using HealingCompass.Domain.Plans;

namespace HealingCompass.Data.MyData;

/// <summary>
/// The archive's JSON parts (format version 1 each, docs/my-data-format.md). An assessment's answers are the
/// answers file's own format and a check-in's answers their stored form, nested as they are; journal.json is the
/// evidence export's file, written by <see cref="JournalExportJson"/>.
/// </summary>
public static class MyDataJson
{
    public const int FormatVersion = 1;

    public const string AssessmentsName = "assessments.json";
    public const string PlanName = "plan.json";
    public const string CheckInsName = "check-ins.json";
    public const string ActivityName = "activity.json";

    /// <summary>The readable summary's name (made by the web app, which has the words the pages use).</summary>
    public const string SummaryName = "summary.pdf";

    /// <summary>
    /// The parts, each listed in the manifest, which comes first: the JSON parts, then <paramref name="documents"/>
    /// (the PDFs, kept as they are), then the journal's file folders (<see cref="EvidenceFiles"/>) when any version
    /// lists a file. The folders are listed once each, not file by file: journal.json names every file by its SHA-256,
    /// and the files are streamed after the manifest is written. A new kind of data is one more entry in this list.
    /// </summary>
    /// <remarks>Without <c>words</c> (the activity page's words for each line), activity.json has the stored fields only.</remarks>
    public static IReadOnlyList<ArchivePart> Parts(MyDataContent content, IReadOnlyList<ArchivePart>? documents = null, Func<ActivityEvent, ActivityWords>? words = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        var parts = new List<ArchivePart>
        {
            new(AssessmentsName, WriteAssessments(content.Assessments), FormatVersion),
            new(PlanName, WritePlan(content.Plan, content.Commitments), FormatVersion),
            new(CheckInsName, WriteCheckIns(content.CheckIns), FormatVersion),
            new(JournalExport.FileName, JournalExportJson.Write(content.Journal), JournalExport.FormatVersion),
            new(ActivityName, WriteActivity(content.Activity, words), FormatVersion),
        };
        parts.AddRange(documents ?? []);
        var listed = new List<ArchivePart>(parts);
        var files = EvidenceFiles.Listed(content.Journal);
        if (files.Count > 0)
        {
            // Folders, in the manifest only (the ZIP has no entries for folders).
            listed.Add(new ArchivePart(EvidenceFiles.OriginalsFolder, []));
            if (files.Any(f => f.File.MediaType.StartsWith("image/", StringComparison.Ordinal)))
            {
                listed.Add(new ArchivePart(EvidenceFiles.WithoutMetadataFolder, []));
            }
        }
        return [new ArchivePart(MyDataManifest.FileName, MyDataManifest.Write(MyDataManifest.For(content.ExportedAt, listed))), .. parts];
    }

    public static string Readme(MyDataContent content, IEnumerable<ArchivePart> parts) =>
        MyDataManifest.Readme(content.ExportedAt, content.Journal.Fingerprint, parts.Select(p => p.Name), EvidenceFiles.Listed(content.Journal).Count);

    /// <summary>
    /// The whole archive, README first, written straight to <paramref name="output"/>: the parts, then the journal's
    /// files from <paramref name="files"/> in the evidence export's layout, each sent on as it is read.
    /// </summary>
    public static Task WriteArchiveAsync(
        Stream output,
        MyDataContent content,
        IAsyncEnumerable<ExportedFile>? files = null,
        IReadOnlyList<ArchivePart>? documents = null,
        Func<ActivityEvent, ActivityWords>? words = null,
        CancellationToken cancellationToken = default)
    {
        var parts = Parts(content, documents, words);
        return MyDataArchive.WriteAsync(output, Readme(content, parts), parts, files is null ? null : FileParts(files, cancellationToken), cancellationToken);
    }

    private static async IAsyncEnumerable<ArchivePart> FileParts(IAsyncEnumerable<ExportedFile> files, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var written = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var file in files.WithCancellation(cancellationToken))
        {
            // Photos, recordings and PDFs are compressed already: stored as they are, as the evidence export does.
            foreach (var (name, bytes) in EvidenceFiles.Entries(file, written))
            {
                yield return new ArchivePart(name, bytes, Stored: true);
            }
        }
    }

    internal static byte[] WriteActivity(IReadOnlyList<ActivityEvent> activity, Func<ActivityEvent, ActivityWords>? words) =>
        JsonSerializer.SerializeToUtf8Bytes(
            new ActivityFile(FormatVersion, [.. activity.Select(a =>
            {
                var said = words?.Invoke(a);
                return new ActivityItem(a.Kind.ToString(), said?.What, said?.When, said?.Where, Utc(a.AtUtc), Utc(a.FirstAtUtc), a.Count, a.Device, a.Network);
            })]),
            MyDataJsonContext.Default.ActivityFile);

    /// <summary>How many lines activity.json holds, or a kind sentence; it is read to be sure it is whole, never brought in.</summary>
    internal static (int? Lines, string? Problem) ReadActivity(byte[] bytes)
    {
        var (file, problem) = Parse(bytes, ActivityName, MyDataJsonContext.Default.ActivityFile);
        return file is null ? (null, problem) : (file.Activity.Count, null);
    }

    internal static byte[] WriteAssessments(IReadOnlyList<ExportedAssessment> assessments) =>
        JsonSerializer.SerializeToUtf8Bytes(
            new AssessmentsFile(FormatVersion, [.. assessments.Select(a => new AssessmentItem(a.IsDraft, Utc(a.CreatedUtc), Utc(a.UpdatedUtc), Element(AnswersFile.Write(a.Answers))))]),
            MyDataJsonContext.Default.AssessmentsFile);

    internal static byte[] WritePlan(ExportedPlan? plan, IReadOnlyList<ExportedCommitment> commitments) =>
        JsonSerializer.SerializeToUtf8Bytes(
            new PlanFile(
                FormatVersion,
                plan is null ? null : new PlanItem(Utc(plan.CreatedUtc), Utc(plan.UpdatedUtc), plan.Settings),
                [.. commitments.Select(c => new CommitmentItem(c.Id, c.Source, c.Kind, c.Status, Utc(c.CreatedUtc), Utc(c.UpdatedUtc), c.StepId, c.Title, c.Text, c.ContentVersion))]),
            MyDataJsonContext.Default.PlanFile);

    internal static byte[] WriteCheckIns(IReadOnlyList<ExportedCheckIn> checkIns) =>
        JsonSerializer.SerializeToUtf8Bytes(
            new CheckInsFile(FormatVersion, [.. checkIns.Select(c => new CheckInItem(c.Week, c.WasLate, Utc(c.CreatedUtc), Utc(c.UpdatedUtc), Element(CheckInAnswersJson.Write(c.Answers))))]),
            MyDataJsonContext.Default.CheckInsFile);

    /// <summary>The three parts read back; a kind sentence naming the file and what is wrong otherwise.</summary>
    internal static (IReadOnlyList<ExportedAssessment>? Assessments, string? Problem) ReadAssessments(byte[] bytes)
    {
        var (file, problem) = Parse(bytes, AssessmentsName, MyDataJsonContext.Default.AssessmentsFile);
        if (file is null)
        {
            return (null, problem);
        }
        var list = new List<ExportedAssessment>(file.Assessments.Count);
        for (var i = 0; i < file.Assessments.Count; i++)
        {
            var item = file.Assessments[i];
            var read = AnswersFile.Read(item.Answers.GetRawText());
            if (read.Answers is null)
            {
                return (null, $"Saved assessment {i + 1} in {AssessmentsName} cannot be read by this server (its answers file does not open), so nothing was brought in.");
            }
            list.Add(new ExportedAssessment(item.IsDraft, item.CreatedUtc, item.UpdatedUtc, read.Answers));
        }
        return list.Count(a => a.IsDraft) > 1
            ? (null, $"{AssessmentsName} holds more than one unfinished assessment, which the app never writes, so nothing was brought in.")
            : (list, null);
    }

    internal static (ExportedPlan? Plan, IReadOnlyList<ExportedCommitment>? Commitments, string? Problem) ReadPlan(byte[] bytes)
    {
        var (file, problem) = Parse(bytes, PlanName, MyDataJsonContext.Default.PlanFile);
        if (file is null)
        {
            return (null, null, problem);
        }
        var commitments = file.Commitments.Select(c => new ExportedCommitment(c.Id, c.Source, c.Kind, c.Status, c.CreatedUtc, c.UpdatedUtc, c.StepId, c.Title, c.Text, c.ContentVersion)).ToList();
        if (commitments.Any(c => !Enum.IsDefined(c.Source) || !Enum.IsDefined(c.Kind) || !Enum.IsDefined(c.Status)) || (file.Plan is { } p && !Enum.IsDefined(p.Settings.CheckInDay)))
        {
            return (null, null, $"{PlanName} has a value the app never writes, so nothing was brought in.");
        }
        if (file.Plan is null && commitments.Count > 0 || commitments.Select(c => c.Id).Distinct().Count() != commitments.Count)
        {
            return (null, null, $"{PlanName} has commitments that do not fit together (without a plan, or two with one id), so nothing was brought in.");
        }
        return (file.Plan is null ? null : new ExportedPlan(file.Plan.CreatedUtc, file.Plan.UpdatedUtc, file.Plan.Settings), commitments, null);
    }

    internal static (IReadOnlyList<ExportedCheckIn>? CheckIns, string? Problem) ReadCheckIns(byte[] bytes)
    {
        var (file, problem) = Parse(bytes, CheckInsName, MyDataJsonContext.Default.CheckInsFile);
        if (file is null)
        {
            return (null, problem);
        }
        var list = new List<ExportedCheckIn>(file.CheckIns.Count);
        foreach (var item in file.CheckIns)
        {
            CheckInAnswers answers;
            try
            {
                answers = CheckInAnswersJson.Read(item.Answers.GetRawText());
            }
            catch (JsonException)
            {
                return (null, $"A check-in in {CheckInsName} has answers this server cannot read, so nothing was brought in.");
            }
            list.Add(new ExportedCheckIn(item.Week, item.WasLate, item.CreatedUtc, item.UpdatedUtc, answers));
        }
        return list.Select(c => c.Week).Distinct().Count() != list.Count
            ? (null, $"{CheckInsName} has two check-ins for one week, which the app never writes, so nothing was brought in.")
            : (list, null);
    }

    private static (T? File, string? Problem) Parse<T>(byte[] bytes, string name, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> info)
        where T : class
    {
        int? declared;
        try
        {
            using var document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 32 });
            declared = document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("formatVersion", out var v) && v.TryGetInt32(out var n) ? n : null;
        }
        catch (JsonException)
        {
            return (null, $"{name} in this ZIP is broken or cut short (its JSON does not read), so nothing was brought in.");
        }
        if (declared != FormatVersion)
        {
            return (null, $"{name} uses a format this server does not know (version {declared?.ToString(CultureInfo.InvariantCulture) ?? "none"}); it brings in version {FormatVersion}. Nothing was brought in.");
        }
        try
        {
            var file = JsonSerializer.Deserialize(bytes, info);
            return file is null ? (null, Missing(name)) : (file, null);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or ArgumentException)
        {
            return (null, Missing(name));
        }
    }

    private static string Missing(string name) => $"{name} looks like part of an export, but a field is missing or has an unexpected value, so nothing was brought in.";

    private static JsonElement Element(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    private static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);
}

internal sealed record AssessmentsFile(int FormatVersion, IReadOnlyList<AssessmentItem> Assessments);

internal sealed record AssessmentItem(bool IsDraft, DateTime CreatedUtc, DateTime UpdatedUtc, JsonElement Answers);

internal sealed record PlanFile(int FormatVersion, PlanItem? Plan, IReadOnlyList<CommitmentItem> Commitments);

internal sealed record PlanItem(DateTime CreatedUtc, DateTime UpdatedUtc, PlanSettings Settings);

internal sealed record CommitmentItem(
    Guid Id,
    CommitmentSource Source,
    CommitmentKind Kind,
    CommitmentStatus Status,
    DateTime CreatedUtc,
    DateTime UpdatedUtc,
    string? StepId,
    string Title,
    string Text,
    string ContentVersion);

internal sealed record ActivityFile(int FormatVersion, IReadOnlyList<ActivityItem> Activity);

// Kind is the stored kind's name (ActivityKind), kept as text so a newer server's kinds still read.
internal sealed record ActivityItem(string Kind, string? What, string? When, string? Where, DateTime AtUtc, DateTime FirstAtUtc, int Count, string Device, string? Network);

internal sealed record CheckInsFile(int FormatVersion, IReadOnlyList<CheckInItem> CheckIns);

internal sealed record CheckInItem(DateOnly Week, bool WasLate, DateTime CreatedUtc, DateTime UpdatedUtc, JsonElement Answers);

// Missing or null fields are refused rather than read as empty, so a cut-down file is named, never half-imported.
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    UseStringEnumConverter = true,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    MaxDepth = 32)]
[JsonSerializable(typeof(AssessmentsFile))]
[JsonSerializable(typeof(PlanFile))]
[JsonSerializable(typeof(CheckInsFile))]
[JsonSerializable(typeof(ActivityFile))]
internal sealed partial class MyDataJsonContext : JsonSerializerContext;
