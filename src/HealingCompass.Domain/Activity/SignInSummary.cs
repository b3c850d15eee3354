namespace HealingCompass.Domain.Activity;

/// <summary>
/// "Last signed in: …, 2 failed attempts since": the newest sign-in other than the one that started this
/// browser's session, and how many failed attempts came after it, so a person notices someone else trying.
/// </summary>
/// <param name="LastSignIn">The previous sign-in, or null when this session's is the only one on record.</param>
/// <param name="FailedSince">Failed attempts after <paramref name="LastSignIn"/> (after the start of the record when it is null).</param>
public sealed record SignInSummary(ActivityEvent? LastSignIn, int FailedSince)
{
    /// <summary>
    /// Reads the summary from a person's events (any order). <paramref name="sessionStartedUtc"/> is when this
    /// browser signed in; the newest sign-in at or before it is this session's own and is skipped. A later
    /// sign-in (another browser since) is reported, as that is what the person should see.
    /// </summary>
    public static SignInSummary From(IEnumerable<ActivityEvent> events, DateTime sessionStartedUtc)
    {
        ArgumentNullException.ThrowIfNull(events);
        var all = events.OrderByDescending(e => e.AtUtc).ToList();
        var signIns = all.Where(e => e.Kind.IsSignIn()).ToList();
        var own = signIns.FirstOrDefault(e => e.AtUtc <= sessionStartedUtc);
        var last = signIns.FirstOrDefault(e => !ReferenceEquals(e, own));
        var failed = all.Count(e => e.Kind.IsFailedAttempt() && (last is null || e.AtUtc > last.AtUtc));
        return new SignInSummary(last, failed);
    }
}
