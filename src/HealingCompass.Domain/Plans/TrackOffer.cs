using HealingCompass.Domain.Content;

namespace HealingCompass.Domain.Plans;

/// <summary>How a track fits this person's answers. The person chooses; this only informs.</summary>
public enum TrackStatus
{
    /// <summary>Available; the answers neither point to it nor away from it.</summary>
    Offered,

    /// <summary>The answers point towards it, for the reasons given.</summary>
    Recommended,

    /// <summary>Still the person's choice, but the answers show a reason for caution (e.g. danger and relational repair).</summary>
    NotAdvised,
}

/// <summary>A track offered to the person, with its trade-offs (on the definition) and the reasons for its status.</summary>
public sealed record TrackOffer(TrackDefinition Track, TrackStatus Status, IReadOnlyList<string> Reasons);
