using HealingCompass.Domain.Activity;

namespace HealingCompass.Data.Activity;

/// <summary>
/// One line of a person's account activity (docs/security.md "Account activity"). Readable metadata only, like
/// a session row: failed sign-ins are recorded when nobody has the data key, so nothing here can be encrypted
/// with it. It holds no address, only its coarse network, and no user agent, only its family in words.
/// </summary>
public sealed class ActivityRow
{
    public long Id { get; set; }

    public required string UserId { get; set; }

    public ActivityKind Kind { get; set; }

    /// <summary>When; for a line standing for repeated failed attempts, the latest of them.</summary>
    public DateTime AtUtc { get; set; }

    /// <summary>When the first of the repeats happened (the same as <see cref="AtUtc"/> for a single one).</summary>
    public DateTime FirstAtUtc { get; set; }

    /// <summary>How many attempts the line stands for (see <see cref="Domain.Activity.ActivityEvent.RepeatWindow"/>).</summary>
    public int Count { get; set; } = 1;

    /// <summary>Browser family and system in plain words ("Firefox on Android").</summary>
    public required string Device { get; set; }

    /// <summary>The /24 or /48 the request came from, or null; never the full address.</summary>
    public string? Network { get; set; }
}
