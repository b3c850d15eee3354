namespace HealingCompass.Data.CheckIns;

/// <summary>
/// One week's check-in, one per person per week (a unique index). The week's date and whether it was done late are
/// plain, because uniqueness and "what is due" need them without the key; every answer is in the encrypted payload.
/// </summary>
public sealed class CheckInRow
{
    public Guid Id { get; set; }

    public required string UserId { get; set; }

    /// <summary>The week's check-in day (the person's local date).</summary>
    public DateOnly Week { get; set; }

    public bool WasLate { get; set; }

    public DateTime CreatedUtc { get; set; }

    public DateTime UpdatedUtc { get; set; }

    /// <summary>The domain's <c>CheckInAnswers</c> as JSON, encrypted.</summary>
    public required byte[] Payload { get; set; }
}
