using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using HealingCompass.Data.Plans;
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

    /// <summary>
    /// The parts the app writes today, each listed in the manifest, which comes first. A new kind of data (an
    /// activity log, attachments under <c>attachments/</c>) is one more entry in this list.
    /// </summary>
    public static IReadOnlyList<ArchivePart> Parts(MyDataContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var parts = new List<ArchivePart>
        {
            new(AssessmentsName, WriteAssessments(content.Assessments), FormatVersion),
            new(PlanName, WritePlan(content.Plan, content.Commitments), FormatVersion),
            new(CheckInsName, WriteCheckIns(content.CheckIns), FormatVersion),
            new(JournalExport.FileName, JournalExportJson.Write(content.Journal), JournalExport.FormatVersion),
        };
        return [new ArchivePart(MyDataManifest.FileName, MyDataManifest.Write(MyDataManifest.For(content.ExportedAt, parts))), .. parts];
    }

    public static string Readme(MyDataContent content, IEnumerable<ArchivePart> parts) =>
        MyDataManifest.Readme(content.ExportedAt, content.Journal.Fingerprint, parts.Select(p => p.Name));

    /// <summary>The whole archive, README first, written straight to <paramref name="output"/>.</summary>
    public static Task WriteArchiveAsync(Stream output, MyDataContent content, CancellationToken cancellationToken = default)
    {
        var parts = Parts(content);
        return MyDataArchive.WriteAsync(output, Readme(content, parts), parts, cancellationToken);
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
internal sealed partial class MyDataJsonContext : JsonSerializerContext;
