using HealingCompass.Data.Plans;
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

/// <summary>Everything a person keeps in the app, opened with their key: what the archive's parts are made from.</summary>
public sealed record MyDataContent(
    DateTimeOffset ExportedAt,
    IReadOnlyList<ExportedAssessment> Assessments,
    ExportedPlan? Plan,
    IReadOnlyList<ExportedCommitment> Commitments,
    IReadOnlyList<ExportedCheckIn> CheckIns,
    JournalExport Journal);
