namespace HealingCompass.Data.Plans;

/// <summary>
/// The plan a signed-in person chose to keep: one per person. Everything about it (tracks, check-in day, time
/// zone, content version) is one encrypted blob; only the timestamps are readable without the person's key.
/// </summary>
public sealed class SavedPlan
{
    public Guid Id { get; set; }

    public required string UserId { get; set; }

    public DateTime CreatedUtc { get; set; }

    public DateTime UpdatedUtc { get; set; }

    /// <summary>A <see cref="PlanSettings"/> as JSON, encrypted.</summary>
    public required byte[] Payload { get; set; }
}

/// <summary>
/// A commitment the person tracks. Whether it came from the plan or was written by them, whether it is a practice
/// or a boundary, and whether it is active, paused or dropped are plain (they say nothing about what it is);
/// its step, title and wording are encrypted.
/// </summary>
public sealed class CommitmentRow
{
    public Guid Id { get; set; }

    public required string UserId { get; set; }

    public int Source { get; set; }

    public int Kind { get; set; }

    public int Status { get; set; }

    public DateTime CreatedUtc { get; set; }

    public DateTime UpdatedUtc { get; set; }

    /// <summary>A <see cref="CommitmentText"/> as JSON, encrypted.</summary>
    public required byte[] Payload { get; set; }
}
