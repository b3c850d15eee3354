using System.Text.Json.Serialization;

namespace HealingCompass.Domain.CheckIns;

// These types mirror checkins.json one to one (source-generated JSON, unknown properties are errors).

/// <summary>checkins.json: the weekly questions with every wording they have had, the WHO-5, and the sentences.</summary>
public sealed record CheckInContentData
{
    public required string ContentVersion { get; init; }

    /// <summary>The longest private note accepted, in characters (documented in docs/security.md).</summary>
    public required int NoteMaxLength { get; init; }

    public required int NourishedMaxLength { get; init; }

    public required int OwnCommitmentMaxLength { get; init; }

    public required IReadOnlyList<CheckInQuestion> Questions { get; init; }

    public required Who5Definition Who5 { get; init; }

    public required IReadOnlyDictionary<string, string> Messages { get; init; }
}

/// <summary>A weekly question, with each wording it has had; an answer keeps the version it was given against.</summary>
public sealed record CheckInQuestion
{
    /// <summary>Stable ID; never reused for a different question.</summary>
    public required string Id { get; init; }

    /// <summary>Oldest first; the last is the one asked now. Old ones stay so old weeks read as they were asked.</summary>
    public required IReadOnlyList<QuestionWording> Wordings { get; init; }

    [JsonIgnore]
    public QuestionWording Current => Wordings[^1];
}

public sealed record QuestionWording
{
    public required int Version { get; init; }
    public required string Text { get; init; }

    /// <summary>For a scale or choice: every point, each with its own label. Empty for lists and text.</summary>
    public IReadOnlyList<LabelledPoint> Points { get => field ?? []; init; }
}

public sealed record LabelledPoint
{
    public required int Value { get; init; }
    public required string Label { get; init; }
}

/// <summary>The WHO-5 Well-Being Index in its official wording (docs/content.md cites its terms of use).</summary>
public sealed record Who5Definition
{
    public required string Id { get; init; }
    public required int Version { get; init; }
    public required string Lead { get; init; }
    public required string Source { get; init; }
    public required IReadOnlyList<Who5Item> Items { get; init; }
    public required IReadOnlyList<LabelledPoint> Points { get; init; }
}

public sealed record Who5Item
{
    public required string Id { get; init; }
    public required string Text { get; init; }
}
