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
    /// The sign-in to name, from a person's lines (any order; only sign-ins and password changes are read).
    /// <paramref name="sessionStartedUtc"/> is when this browser's session began: the newest sign-in or password
    /// change at or before it is this session's own start and is skipped. So after a password change, a sign-in
    /// elsewhere just before it is still named, never mistaken for this browser's; and a sign-in since (another
    /// browser) is named too, as that is what the person should see.
    /// </summary>
    public static ActivityEvent? PreviousSignIn(IEnumerable<ActivityEvent> sessionStarts, DateTime sessionStartedUtc)
    {
        ArgumentNullException.ThrowIfNull(sessionStarts);
        var newestFirst = sessionStarts.Where(e => e.Kind.StartsSession()).OrderByDescending(e => e.AtUtc).ToList();
        var own = newestFirst.FirstOrDefault(e => e.AtUtc <= sessionStartedUtc);
        return newestFirst.FirstOrDefault(e => e.Kind.IsSignIn() && !ReferenceEquals(e, own));
    }

    /// <summary>The whole summary from every event of a person (the store counts the failures in SQL instead).</summary>
    public static SignInSummary From(IEnumerable<ActivityEvent> events, DateTime sessionStartedUtc)
    {
        var all = events.ToList();
        var last = PreviousSignIn(all, sessionStartedUtc);
        return new SignInSummary(last, all.Where(e => e.Kind.IsFailedAttempt() && (last is null || e.AtUtc > last.AtUtc)).Sum(e => e.Count));
    }
}
