namespace HealingCompass.Data.Assessments;

/// <summary>
/// An assessment a signed-in person chose to save. The answers are one encrypted blob bound to this
/// owner and record; only the timestamps and the draft flag are readable without the person's key.
/// </summary>
public sealed class SavedAssessment
{
    public Guid Id { get; set; }

    public required string UserId { get; set; }

    /// <summary>True while the person is still answering; a refresh resumes it.</summary>
    public bool IsDraft { get; set; }

    public DateTime CreatedUtc { get; set; }

    public DateTime UpdatedUtc { get; set; }

    /// <summary>The answers file (the domain's JSON format), encrypted.</summary>
    public required byte[] Payload { get; set; }
}
