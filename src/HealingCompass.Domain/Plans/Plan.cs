using HealingCompass.Domain.Content;

namespace HealingCompass.Domain.Plans;

/// <summary>A step as it stands in this person's plan, with the guidance that fits their barriers.</summary>
public sealed record PlanStep(StepDefinition Step, IReadOnlyList<string> Adaptations)
{
    public string Id => Step.Id;
}

/// <summary>One chosen track in the plan.</summary>
/// <param name="Offer">The track and how it was offered.</param>
/// <param name="Steps">Its steps, each once in the whole plan (a step shared with an earlier section is not repeated).</param>
/// <param name="Notes">Plain words that frame the section, e.g. that leaving is a safety plan first.</param>
/// <param name="AddedForSafety">Included because of danger signs, not because the person picked it.</param>
public sealed record PlanSection(TrackOffer Offer, IReadOnlyList<PlanStep> Steps, IReadOnlyList<string> Notes, bool AddedForSafety)
{
    public TrackDefinition Track => Offer.Track;
}

/// <summary>The person's plan: the tracks they chose, in a safe order, with timeline markers and pitfalls.</summary>
public sealed record Plan(
    string ContentVersion,
    SafetyLevel SafetyLevel,
    bool ShowCrisisResourcesFirst,
    IReadOnlyList<string> Intro,
    IReadOnlyList<PlanSection> Sections,
    IReadOnlyList<TimelineMarker> Timeline,
    IReadOnlyList<Pitfall> Pitfalls,
    IReadOnlyList<string> Problems)
{
    public IEnumerable<PlanStep> AllSteps => Sections.SelectMany(s => s.Steps);
}
