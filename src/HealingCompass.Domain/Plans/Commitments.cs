using HealingCompass.Domain.Content;

namespace HealingCompass.Domain.Plans;

/// <summary>Where a commitment came from.</summary>
public enum CommitmentSource
{
    /// <summary>A plan step with a repeating cadence and a commitment line in plans.json.</summary>
    PlanStep,

    /// <summary>Written by the person.</summary>
    Own,
}

/// <summary>What a commitment is: something to do, or a boundary to hold.</summary>
public enum CommitmentKind
{
    Practice,
    Boundary,
}

/// <summary>Paused and dropped commitments leave the check-in; their past weeks stay as they were.</summary>
public enum CommitmentStatus
{
    Active,
    Paused,
    Dropped,
}

/// <summary>A commitment a plan step offers, with the wording of the content version it came from.</summary>
public sealed record PlanCommitment(string StepId, string Title, string Text, Cadence Cadence);

/// <summary>A commitment as the person keeps it: its wording is the one they saved, until they take a new one.</summary>
public sealed record KeptCommitment(
    Guid Id,
    CommitmentSource Source,
    CommitmentKind Kind,
    CommitmentStatus Status,
    string? StepId,
    string Title,
    string Text,
    string ContentVersion);

/// <summary>A newer wording for a saved commitment, offered after a content update and never applied for the person.</summary>
public sealed record WordingOffer(Guid CommitmentId, string SavedText, string NewTitle, string NewText, string NewContentVersion);

public static class PlanCommitments
{
    /// <summary>
    /// The plan's steps that become commitments: those with a commitment line and a repeating cadence (daily,
    /// weekly or monthly). A one-off step ("contact one service") stays in the plan but is not tracked weekly.
    /// </summary>
    public static IReadOnlyList<PlanCommitment> From(Plan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return [.. plan.AllSteps
            .Where(s => s.Step.Commitment is not null && s.Step.Cadence != Cadence.Once)
            .Select(s => new PlanCommitment(s.Id, s.Step.Title, s.Step.Commitment!, s.Step.Cadence))];
    }

    /// <summary>
    /// Saved commitments whose step now reads differently in <paramref name="catalog"/>: the new wording is
    /// offered beside the saved one. Steps gone from the content keep their saved wording, with no offer.
    /// </summary>
    public static IReadOnlyList<WordingOffer> WordingOffers(IEnumerable<KeptCommitment> kept, ContentCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(kept);
        ArgumentNullException.ThrowIfNull(catalog);
        var offers = new List<WordingOffer>();
        foreach (var c in kept)
        {
            if (c.Source == CommitmentSource.PlanStep && c.Status != CommitmentStatus.Dropped && c.StepId is not null
                && catalog.TryGetStep(c.StepId, out var step) && step.Commitment is { } text
                && (!string.Equals(text, c.Text, StringComparison.Ordinal) || !string.Equals(step.Title, c.Title, StringComparison.Ordinal)))
            {
                offers.Add(new WordingOffer(c.Id, c.Text, step.Title, text, catalog.ContentVersion));
            }
        }
        return offers;
    }
}
