namespace HealingCompass.Domain.Activity;

/// <summary>
/// "Last signed in: …, 2 failed attempts since": the newest sign-in other than the one that started this
/// browser's session, and how many failed attempts came after it, so a person notices someone else trying.
/// </summary>
/// <param name="LastSignIn">The previous sign-in, or null when this session's is the only one on record.</param>
/// <param name="FailedSince">Failed attempts after <paramref name="LastSignIn"/> (in the whole record when it is null).</param>
public sealed record SignInSummary(ActivityEvent? LastSignIn, int FailedSince)
{
    /// <summary>
    /// The sign-in to name, from a person's sign-ins (any order). <paramref name="sessionStartedUtc"/> is when this
    /// browser signed in; the newest sign-in at or before it is this session's own and is skipped. A later sign-in
    /// (another browser since) is the one named, as that is what the person should see.
    /// </summary>
    public static ActivityEvent? PreviousSignIn(IEnumerable<ActivityEvent> signIns, DateTime sessionStartedUtc)
    {
        ArgumentNullException.ThrowIfNull(signIns);
        var newestFirst = signIns.Where(e => e.Kind.IsSignIn()).OrderByDescending(e => e.AtUtc).ToList();
        var own = newestFirst.FirstOrDefault(e => e.AtUtc <= sessionStartedUtc);
        return newestFirst.FirstOrDefault(e => !ReferenceEquals(e, own));
    }

    /// <summary>The whole summary from every event of a person (the store counts the failures in SQL instead).</summary>
    public static SignInSummary From(IEnumerable<ActivityEvent> events, DateTime sessionStartedUtc)
    {
        var all = events.ToList();
        var last = PreviousSignIn(all, sessionStartedUtc);
        return new SignInSummary(last, all.Where(e => e.Kind.IsFailedAttempt() && (last is null || e.AtUtc > last.AtUtc)).Sum(e => e.Count));
    }
}
