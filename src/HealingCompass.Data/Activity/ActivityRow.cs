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

    public DateTime AtUtc { get; set; }

    /// <summary>Browser family and system in plain words ("Firefox on Android").</summary>
    public required string Device { get; set; }

    /// <summary>The /24 or /48 the request came from, or null; never the full address.</summary>
    public string? Network { get; set; }
}
