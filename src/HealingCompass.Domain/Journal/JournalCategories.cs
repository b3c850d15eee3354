namespace HealingCompass.Domain.Journal;

/// <summary>One kind of thing an entry can be about.</summary>
/// <param name="Id">Stable id, saved inside encrypted entries: never rename it once entries exist.</param>
/// <param name="Label">What the person sees.</param>
public sealed record JournalCategory(string Id, string Label);

/// <summary>
/// The categories an entry can carry, drawn from the patterns and safety questions of the assessment. Where the
/// assessment already has an id for the same thing (questions.json), the journal uses it, so a later feature
/// can put what a person recorded beside what they answered; the rest are journal ids of their own.
/// </summary>
public static class JournalCategories
{
    public const string Other = "journal.other";

    public static IReadOnlyList<JournalCategory> All { get; } =
    [
        new("pattern.gaslighting", "Being told I remember things wrongly, or that they didn't happen"),
        new("pattern.isolation", "Being kept from friends, family or support"),
        new("pattern.control", "Control of money, movements or choices"),
        new("journal.threats", "Threats"),
        new("safety.physical_violence", "Physical harm"),
        new("safety.choking", "Strangling or choking"),
        new("safety.sexual_coercion", "Pressure or force around sex"),
        new("safety.stalking", "Being followed, watched or monitored"),
        new("pattern.contempt", "Name-calling, mocking or contempt"),
        new("pattern.boundary_crossing", "A boundary I set was crossed"),
        new("journal.neglect", "Needs ignored or left alone when it mattered"),
        new("journal.children", "Harm involving children"),
        new("journal.technology", "Misuse of phones, accounts or devices"),
        new(Other, "Something else"),
    ];

    private static readonly Dictionary<string, JournalCategory> ById = All.ToDictionary(c => c.Id, StringComparer.Ordinal);

    public static bool IsKnown(string id) => ById.ContainsKey(id);

    /// <summary>The label for an id; an id saved by a later version of the app shows as "Something else".</summary>
    public static string LabelFor(string id) => ById.TryGetValue(id, out var category) ? category.Label : ById[Other].Label;
}
