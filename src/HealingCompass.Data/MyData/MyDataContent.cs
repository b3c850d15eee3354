using HealingCompass.Data.Plans;
using HealingCompass.Domain.Activity;
using HealingCompass.Domain.Assessment;
using HealingCompass.Domain.CheckIns;
using HealingCompass.Domain.Journal.Evidence;
using HealingCompass.Domain.Plans;

namespace HealingCompass.Data.MyData;

/// <summary>A saved assessment as exported: the draft or one of the history, with its answers.</summary>
public sealed record ExportedAssessment(bool IsDraft, DateTime CreatedUtc, DateTime UpdatedUtc, AnswerSet Answers);

/// <summary>The kept plan as exported.</summary>
public sealed record ExportedPlan(DateTime CreatedUtc, DateTime UpdatedUtc, PlanSettings Settings);

/// <summary>
/// A commitment as exported. <see cref="Id"/> is its id in the export only: check-ins name the commitments they
/// kept by it, and an import gives each a new id and renames them to match.
/// </summary>
public sealed record ExportedCommitment(
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

public sealed record ExportedCheckIn(DateOnly Week, bool WasLate, DateTime CreatedUtc, DateTime UpdatedUtc, CheckInAnswers Answers);

/// <summary>
/// Everything a person keeps in the app, opened with their key: what the archive's parts are made from. The
/// journal's files are not held here: they are read a few at a time as the archive reaches them
/// (<see cref="MyDataExporter.StreamFilesAsync"/>), and an import checks them into <see cref="Files"/>.
/// </summary>
public sealed record MyDataContent(
    DateTimeOffset ExportedAt,
    IReadOnlyList<ExportedAssessment> Assessments,
    ExportedPlan? Plan,
    IReadOnlyList<ExportedCommitment> Commitments,
    IReadOnlyList<ExportedCheckIn> CheckIns,
    JournalExport Journal)
{
    /// <summary>Every activity line of the person, newest first (exported; never imported).</summary>
    public IReadOnlyList<ActivityEvent> Activity { get; init; } = [];

    /// <summary>On import only: every journal file the versions list, checked against its SHA-256.</summary>
    internal IReadOnlyList<ImportedFile> Files { get; init; } = [];

    /// <summary>On import only: how many activity lines the archive held (left out).</summary>
    internal int ActivityLinesLeftOut { get; init; }
}

/// <summary>A journal file from an archive, checked, for the import to encrypt under the new owner.</summary>
/// <param name="AttachmentId">The id the entry's (hashed) content names it by, so it is kept.</param>
/// <param name="EntryId">The entry whose version first lists it.</param>
/// <param name="WrittenAtUnixMs">When that version was written (the file was added then).</param>
/// <param name="Original">Exactly the bytes its SHA-256 names.</param>
/// <param name="WithoutMetadata">The copy without metadata, from the archive or made again; null for kinds that cannot be cleaned.</param>
internal sealed record ImportedFile(Guid AttachmentId, Guid EntryId, long WrittenAtUnixMs, byte[] Original, byte[]? WithoutMetadata);

/// <summary>An activity line in the words the activity page shows it with.</summary>
public sealed record ActivityWords(string What, string When, string Where);
