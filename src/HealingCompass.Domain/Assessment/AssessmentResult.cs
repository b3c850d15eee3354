using HealingCompass.Domain.Content;
using HealingCompass.Domain.Plans;
using HealingCompass.Domain.Safety;

namespace HealingCompass.Domain.Assessment;

/// <summary>A phrase that explains a factor score, pointing back at the question that drove it.</summary>
public sealed record FactorDriver(string QuestionId, bool PullsDown, string Text);

/// <summary>A factor's score (0–100, higher means more room for repair) or null when nothing was answered.</summary>
public sealed record FactorScore(
    FactorDefinition Factor,
    int? Score,
    int Answered,
    int Total,
    string Summary,
    IReadOnlyList<FactorDriver> Drivers);

public enum RepairabilityBand
{
    /// <summary>Too few answers to say.</summary>
    Unknown,
    Low,
    Mixed,
    Hopeful,
}

public enum Confidence
{
    Low,
    Medium,
    High,
}

/// <summary>The overall estimate, how sure it can be, and why.</summary>
public sealed record Repairability(
    int? Score,
    RepairabilityBand Band,
    Confidence Confidence,
    bool CappedBySafety,
    IReadOnlyList<string> Explanation);

/// <summary>The person's own answer to a reflection question, kept for them to see next to the result.</summary>
public sealed record Reflection(QuestionInfo Question, string AnswerLabel);

/// <summary>Everything an assessment concludes. Deterministic: the same answers always give the same result.</summary>
public sealed record AssessmentResult(
    string ContentVersion,
    SafetyAssessment Safety,
    IReadOnlyList<FactorScore> Factors,
    Repairability Repairability,
    IReadOnlyList<TrackOffer> Tracks,
    bool CouplesCounsellingNotAdvised,
    IReadOnlyList<Reflection> Reflections,
    SignalSet Signals)
{
    public TrackOffer Track(string trackId) => Tracks.First(t => t.Track.Id == trackId);
}
