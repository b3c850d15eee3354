using System.Text.Json.Serialization;

namespace HealingCompass.Domain.Content;

// These types mirror the embedded JSON files one to one. Source-generated JSON assigns every init-only
// property, null where the file leaves it out, so optional lists fall back to empty in their getters. They are read once per process and then
// shared read-only by every assessment, so they are immutable after load.

/// <summary>questions.json: the self-assessment, in the order the person meets it.</summary>
public sealed class QuestionBank
{
    public required string ContentVersion { get; init; }
    public required IReadOnlyList<OptionSet> OptionSets { get; init; }
    public required IReadOnlyList<AnswerScale> Scales { get; init; }
    public required IReadOnlyList<FactorDefinition> Factors { get; init; }
    public required IReadOnlyList<Section> Sections { get; init; }
    public required IReadOnlyList<SafetyRule> SafetyRules { get; init; }
}

/// <summary>A reusable list of options, e.g. yes / no / not sure / rather not say.</summary>
public sealed class OptionSet
{
    public required string Id { get; init; }
    public required IReadOnlyList<AnswerOption> Options { get; init; }
}

public sealed class AnswerOption
{
    /// <summary>Stable ID. IDs with a dot (e.g. <c>pattern.gaslighting</c>) are global signals that rules and plans refer to.</summary>
    public required string Id { get; init; }
    public required string Label { get; init; }
    public string? Help { get; init; }
}

/// <summary>An ordered agreement scale; answers store the integer value.</summary>
public sealed class AnswerScale
{
    public required string Id { get; init; }
    public required IReadOnlyList<ScalePoint> Points { get; init; }
}

public sealed class ScalePoint
{
    public required int Value { get; init; }
    public required string Label { get; init; }
}

public sealed class FactorDefinition
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public required string Description { get; init; }
    /// <summary>Relative weight in the overall repairability estimate.</summary>
    public required double Weight { get; init; }
    /// <summary>Whose capacity the factor is about, when it is one person's: every item feeding it must be about the same person.</summary>
    public Person? About { get; init; }
}

/// <summary>Whose behaviour or experience a line describes, so a result line never reads as the wrong person's.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Person>))]
public enum Person
{
    /// <summary>The other person ("they", "them", "their").</summary>
    They,
    /// <summary>The person answering ("you", "your").</summary>
    You,
    /// <summary>Both of them ("both", "the two of you", "each other").</summary>
    Both,
}

public sealed class Section
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public required string Intro { get; init; }
    public required IReadOnlyList<Question> Questions { get; init; }
}

[JsonConverter(typeof(JsonStringEnumConverter<QuestionKind>))]
public enum QuestionKind
{
    Choice,
    Multi,
    Scale,
    Text,
}

public sealed class Question
{
    public required string Id { get; init; }
    public required QuestionKind Kind { get; init; }
    public required string Text { get; init; }
    public string? Help { get; init; }
    public bool Required { get; init; }

    /// <summary>For Choice and Multi: options listed inline…</summary>
    public IReadOnlyList<AnswerOption>? Options { get; init; }
    /// <summary>…or a shared option set.</summary>
    public string? OptionSet { get; init; }

    /// <summary>For Scale: the scale ID.</summary>
    public string? Scale { get; init; }
    /// <summary>For Scale: the factor this item feeds.</summary>
    public string? Factor { get; init; }
    /// <summary>For Scale: agreement means <em>less</em> repairable, so the value is mirrored.</summary>
    public bool Reverse { get; init; }
    /// <summary>Plain words for the explanation when this item pulls the factor down.</summary>
    public string? LowText { get; init; }
    /// <summary>Plain words for the explanation when this item holds the factor up.</summary>
    public string? HighText { get; init; }
    /// <summary>For Scale: whose behaviour or experience the item and its lines describe; the lines must say so.</summary>
    public Person? About { get; init; }

    /// <summary>For safety items (a Choice over yes / no / unsure / rather not say).</summary>
    public SafetyItem? Safety { get; init; }

    /// <summary>For Text: the longest answer accepted.</summary>
    public int? MaxLength { get; init; }
}

public sealed class SafetyItem
{
    /// <summary>The level a "yes" reaches on its own.</summary>
    public required SafetyLevel LevelIfYes { get; init; }
    /// <summary>The level an "I'm not sure" reaches; not-sure about danger is still worth a pause.</summary>
    public SafetyLevel LevelIfUnsure { get; init; }
    /// <summary>Plain words for the explanation, e.g. "They have threatened to kill you."</summary>
    public required string SaidYes { get; init; }
}

/// <summary>A combination of signals that reaches a level, e.g. threats to kill together with a weapon.</summary>
public sealed class SafetyRule
{
    public required string Id { get; init; }
    public required SafetyLevel Level { get; init; }
    /// <summary>Every one of these signals must be present.</summary>
    public IReadOnlyList<string> AllOf { get => field ?? []; init; }
    /// <summary>At least <see cref="MinCount"/> of these signals must be present (default one).</summary>
    public IReadOnlyList<string> AnyOf { get => field ?? []; init; }
    /// <summary>Absent means one.</summary>
    public int? MinCount { get; init; }
    /// <summary>And at least one of these too (e.g. an act of violence besides added risk factors).</summary>
    public IReadOnlyList<string> AndAnyOf { get => field ?? []; init; }
    public required string Explanation { get; init; }
}

[JsonConverter(typeof(JsonStringEnumConverter<SafetyLevel>))]
public enum SafetyLevel
{
    None = 0,
    Concern = 1,
    High = 2,
    Immediate = 3,
}

/// <summary>plans.json: tracks, steps, exercises, tools, timeline markers and pitfalls.</summary>
public sealed class PlanLibrary
{
    public required string ContentVersion { get; init; }
    public required IReadOnlyList<TrackDefinition> Tracks { get; init; }
    public required IReadOnlyList<StepDefinition> Steps { get; init; }
    public required IReadOnlyList<TimelineMarker> Timeline { get; init; }
    public required IReadOnlyList<Pitfall> Pitfalls { get; init; }
}

public sealed class TrackDefinition
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public required string Summary { get; init; }
    public required IReadOnlyList<string> Gains { get; init; }
    public required IReadOnlyList<string> Costs { get; init; }
    public required IReadOnlyList<TrackStep> Steps { get; init; }
}

/// <summary>A step in a track, optionally only when some signal is (or is not) present.</summary>
public sealed class TrackStep
{
    public required string Step { get; init; }
    public IReadOnlyList<string> WhenAny { get => field ?? []; init; }
    public IReadOnlyList<string> UnlessAny { get => field ?? []; init; }
}

[JsonConverter(typeof(JsonStringEnumConverter<StepKind>))]
public enum StepKind
{
    Step,
    Exercise,
    Tool,
}

[JsonConverter(typeof(JsonStringEnumConverter<Cadence>))]
public enum Cadence
{
    Once,
    Daily,
    Weekly,
    Monthly,
}

public sealed class StepDefinition
{
    public required string Id { get; init; }
    public required StepKind Kind { get; init; }
    public required string Title { get; init; }
    public required string Why { get; init; }
    public required IReadOnlyList<string> How { get; init; }
    public required Cadence Cadence { get; init; }
    /// <summary>The measurable form of a commitment, e.g. "A check-in every Sunday evening".</summary>
    public string? Commitment { get; init; }
    /// <summary>Done together with the other person; held back while abuse continues.</summary>
    public bool Joint { get; init; }
    /// <summary>Steps this item refers to or only makes sense after: it is left out whenever one of them is not in the plan.</summary>
    public IReadOnlyList<string> DependsOn { get => field ?? []; init; }
    /// <summary>Left out while abuse continues (danger or coercive control), e.g. because it would minimise it.</summary>
    public bool HeldBackWhileAbuse { get; init; }
    /// <summary>Words other content uses to point at this step (e.g. "ground rules"); whatever uses them must depend on it.</summary>
    public IReadOnlyList<string> RefersAs { get => field ?? []; init; }
    public IReadOnlyList<Adaptation> Adaptations { get => field ?? []; init; }
}

/// <summary>Extra guidance on a step when a barrier or context signal is present (and none of <see cref="UnlessAny"/> is).</summary>
public sealed class Adaptation
{
    /// <summary>Any of these signals; empty means always, which needs <see cref="UnlessAny"/> (otherwise the text belongs in the step).</summary>
    public IReadOnlyList<string> WhenAny { get => field ?? []; init; }
    /// <summary>Never when any of these is present, e.g. shared-home wording for someone under 18.</summary>
    public IReadOnlyList<string> UnlessAny { get => field ?? []; init; }
    public required string Text { get; init; }
}

[JsonConverter(typeof(JsonStringEnumConverter<Horizon>))]
public enum Horizon
{
    Weeks,
    Months,
    Years,
}

public sealed class TimelineMarker
{
    public required string Id { get; init; }
    public required Horizon Horizon { get; init; }
    public required string Text { get; init; }
    public required IReadOnlyList<string> Tracks { get; init; }
    /// <summary>Only when any of these signals is present (e.g. a status); empty means always.</summary>
    public IReadOnlyList<string> WhenAny { get => field ?? []; init; }
    /// <summary>Never when any of these is present (e.g. "getting ready to leave" for someone who has left).</summary>
    public IReadOnlyList<string> UnlessAny { get => field ?? []; init; }
    /// <summary>Steps this item refers to or only makes sense after: it is left out whenever one of them is not in the plan.</summary>
    public IReadOnlyList<string> DependsOn { get => field ?? []; init; }
    /// <summary>Left out while abuse continues (danger or coercive control), e.g. because it would minimise it.</summary>
    public bool HeldBackWhileAbuse { get; init; }
}

public sealed class Pitfall
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public required string Text { get; init; }
    public required string Instead { get; init; }
    public required IReadOnlyList<string> Tracks { get; init; }
    public IReadOnlyList<string> WhenAny { get => field ?? []; init; }
    public IReadOnlyList<string> UnlessAny { get => field ?? []; init; }
    /// <summary>Steps this item refers to or only makes sense after: it is left out whenever one of them is not in the plan.</summary>
    public IReadOnlyList<string> DependsOn { get => field ?? []; init; }
    /// <summary>Left out while abuse continues (danger or coercive control), e.g. because it would minimise it.</summary>
    public bool HeldBackWhileAbuse { get; init; }
}

/// <summary>messages.json: the sentences the engine uses to explain itself, by stable ID.</summary>
public sealed class MessageCatalog
{
    public required string ContentVersion { get; init; }
    public required IReadOnlyDictionary<string, string> Messages { get; init; }
}
