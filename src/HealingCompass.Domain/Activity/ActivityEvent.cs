namespace HealingCompass.Domain.Activity;

/// <summary>One line of a person's activity: what, when, on what kind of browser, from roughly which network.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="AtUtc">When, on the app's clock.</param>
/// <param name="Device">Browser family and system in plain words (<see cref="DeviceDescription"/>).</param>
/// <param name="Network">The coarse network (<see cref="NetworkPrefix"/>), or null when not known.</param>
public sealed record ActivityEvent(ActivityKind Kind, DateTime AtUtc, string Device, string? Network);
