namespace HealingCompass.Domain.Activity;

/// <summary>One line of a person's activity: what, when, on what kind of browser, from roughly which network.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="AtUtc">When, on the app's clock (the latest time, for a line that stands for repeats).</param>
/// <param name="Device">Browser family and system in plain words (<see cref="DeviceDescription"/>).</param>
/// <param name="Network">The coarse network (<see cref="NetworkPrefix"/>), or null when not known.</param>
public sealed record ActivityEvent(ActivityKind Kind, DateTime AtUtc, string Device, string? Network)
{
    /// <summary>
    /// How many attempts this line stands for: failed attempts of one kind, from one browser and network, in a row
    /// within <see cref="RepeatWindow"/>, are one line, so a run of guesses neither floods the page nor the table.
    /// </summary>
    public int Count { get; init; } = 1;

    /// <summary>When the first of the repeats happened (<see cref="AtUtc"/> when there is one).</summary>
    public DateTime FirstAtUtc { get; init; } = AtUtc;

    /// <summary>How close a repeated failed attempt must follow its line to be counted on it.</summary>
    public static readonly TimeSpan RepeatWindow = TimeSpan.FromHours(1);

    /// <summary>Whether <paramref name="next"/> is the same failed attempt again, to count on this line.</summary>
    public bool IsRepeatedBy(ActivityEvent next)
    {
        ArgumentNullException.ThrowIfNull(next);
        return Kind.IsFailedAttempt() && next.Kind == Kind
            && string.Equals(next.Device, Device, StringComparison.Ordinal)
            && string.Equals(next.Network, Network, StringComparison.Ordinal)
            && next.AtUtc >= AtUtc && next.AtUtc - AtUtc <= RepeatWindow;
    }
}
