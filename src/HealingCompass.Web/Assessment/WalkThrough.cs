using HealingCompass.Domain.Content;

namespace HealingCompass.Web.Assessment;

/// <summary>One screen of the walk-through: one question group, small enough for a phone.</summary>
/// <param name="Index">Position in the walk-through, from 0.</param>
/// <param name="Section">The content section the questions come from.</param>
/// <param name="Questions">The questions shown together.</param>
/// <param name="Part">Which part of a long section this is, from 1.</param>
/// <param name="Parts">How many parts the section was split into.</param>
public sealed record WalkThroughScreen(int Index, Section Section, IReadOnlyList<QuestionInfo> Questions, int Part, int Parts)
{
    public string Title => Parts > 1 ? $"{Section.Title} ({Part} of {Parts})" : Section.Title;

    public bool IsSafetyCheck => Section.Id == WalkThrough.SafetySectionId;
}

/// <summary>
/// The order of screens, built once from the content. Sections keep the content's order (who the
/// relationship is with, then the safety check, then the rest); a section longer than
/// <see cref="MaxQuestionsPerScreen"/> is split so a screen never becomes a wall of questions.
/// </summary>
public sealed class WalkThrough
{
    internal const string SafetySectionId = "section.safety";
    public const int MaxQuestionsPerScreen = 6;

    public WalkThrough(ContentCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var byId = catalog.Questions.ToDictionary(q => q.Id, StringComparer.Ordinal);
        var screens = new List<WalkThroughScreen>();
        foreach (var section in catalog.Sections)
        {
            var questions = section.Questions.Select(q => byId[q.Id]).ToList();
            var parts = (questions.Count + MaxQuestionsPerScreen - 1) / MaxQuestionsPerScreen;
            // Split evenly (12 → 6 + 6, 13 → 5 + 4 + 4) rather than leaving a lonely last question:
            // the first (count % parts) screens take one question more.
            var taken = 0;
            for (var part = 0; part < parts; part++)
            {
                var size = (questions.Count / parts) + (part < questions.Count % parts ? 1 : 0);
                screens.Add(new WalkThroughScreen(screens.Count, section, questions.GetRange(taken, size), part + 1, parts));
                taken += size;
            }
        }
        Screens = screens;
        FirstScreenAfterSafety = screens.FindLastIndex(s => s.IsSafetyCheck) + 1;
    }

    public IReadOnlyList<WalkThroughScreen> Screens { get; }

    public int Count => Screens.Count;

    /// <summary>Where the walk-through goes on after the safety check.</summary>
    public int FirstScreenAfterSafety { get; }

    public WalkThroughScreen this[int index] => Screens[Math.Clamp(index, 0, Screens.Count - 1)];
}
