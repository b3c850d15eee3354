using HealingCompass.Domain.Assessment;
using HealingCompass.Domain.Content;
using HealingCompass.Domain.Plans;
using HealingCompass.Domain.Tests.Support;

namespace HealingCompass.Domain.Tests.Plans;

/// <summary>
/// The content rules of the plan and the result, checked exhaustively: every choice of tracks, for every
/// contact status, every wish, four kinds of relationship and every safety level (with and without control).
/// </summary>
public sealed class PlanFitsSituationTests
{
    private static readonly ContentCatalog Catalog = ContentCatalog.Default;

    private static readonly string[] Relationships = ["relationship.partner", "relationship.ex_partner", "relationship.parent", "relationship.coworker"];
    private static readonly string[] Statuses = ["status.live_together", "status.in_contact", "status.less_contact", "status.no_contact"];
    private static readonly string[] Wishes = ["want.work_on_it", "want.unsure", "want.space", "want.leave", "want.already_left"];

    /// <summary>A safety situation, the level it must reach, and whether control is part of it.</summary>
    public sealed record Profile(string Name, SafetyLevel Level, bool Control, string[] Yes, string[] Patterns);

    private static readonly Profile[] Profiles =
    [
        new("nothing", SafetyLevel.None, false, [], []),
        new("early signs", SafetyLevel.None, false, [], ["pattern.charm_withdrawal", "pattern.eggshells"]),
        new("concern", SafetyLevel.Concern, false, ["safety.substance"], []),
        new("control", SafetyLevel.Concern, true, ["safety.control"], []),
        new("high", SafetyLevel.High, false, ["safety.physical_violence"], []),
        new("immediate", SafetyLevel.Immediate, false, ["safety.fear_now"], []),
    ];

    // Words by which content points at a step, kept here independently of the content's own declarations, so a
    // reference the content forgets to declare is still caught.
    private static readonly (string Words, string Step)[] Pointers =
    [
        ("ground rules", "step.repair.ground_rules"),
        ("accountability plan", "step.repair.accountability_plan"),
        ("commitments are kept", "step.repair.measurable_commitments"),
        ("pause button", "tool.pause_button"),
        ("repair ritual", "tool.repair_ritual"),
        ("reflective listening", "tool.reflective_listening"),
        ("written boundaries", "step.repair.boundaries_written"),
        ("joint sessions", "step.repair.couples_counselling"),
    ];

    // Only for someone still with the other person: preparing to go, unseen.
    private static readonly string[] StillTogetherOnly = ["getting ready to leave", "without being noticed", "leaving plans", "before any date is set", "before you set a date"];

    // The app's journal exists now (the plan's "Keep a private record" step points at it); mood tracking does not yet.
    private static readonly string[] Unkeepable = ["any hour", "set and track", "tracking your mood"];

    public static TheoryData<string, string> Situations()
    {
        var data = new TheoryData<string, string>();
        foreach (var status in Statuses)
        {
            foreach (var profile in Profiles)
            {
                data.Add(status, profile.Name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Situations))]
    public void Every_plan_fits_the_persons_situation_for_every_choice_of_tracks(string status, string profileName)
    {
        var profile = Profiles.Single(p => p.Name == profileName);
        var optional = TrackIds.All.Where(t => t != TrackIds.PersonalHealing).ToArray();
        foreach (var relationship in Relationships)
        {
            foreach (var wish in Wishes)
            {
                var result = AssessmentScorer.Score(Answers(relationship, status, wish, profile));
                var situation = $"{relationship}, {status}, {wish}, {profile.Name}";
                Assert.Equal(profile.Level, result.Safety.Level);
                CheckResult(result, profile, situation);
                for (var mask = 0; mask < 1 << optional.Length; mask++)
                {
                    var chosen = optional.Where((_, i) => (mask & (1 << i)) != 0).ToArray();
                    CheckPlan(PlanBuilder.Build(result, chosen), result, chosen, $"{situation}, [{string.Join(" ", chosen)}]");
                }
            }
        }
    }

    private static AnswerSet Answers(string relationship, string status, string wish, Profile profile)
    {
        var builder = new AnswerBuilder().Context(relationship, status, wish).AllSafety("no").Yes(profile.Yes).AllFactors(0.2);
        if (profile.Patterns.Length > 0)
        {
            builder.Patterns(profile.Patterns);
        }

        return builder.Build();
    }

    private static bool Apart(AssessmentResult r) => r.Signals.Contains("status.no_contact") || r.Signals.Contains("want.already_left");

    private static void CheckResult(AssessmentResult result, Profile profile, string situation)
    {
        var explanation = result.Repairability.Explanation;
        var unsafeOrGone = result.Safety.IsDanger || profile.Control || Apart(result);
        Assert.True(!unsafeOrGone || !explanation.Any(l => l.Contains("truly change", StringComparison.OrdinalIgnoreCase)),
            $"{situation}: the estimate offers the other person's change as hope");
        if (result.Safety.IsDanger)
        {
            Assert.True(explanation[0].Contains("safety", StringComparison.OrdinalIgnoreCase), $"{situation}: the estimate is not framed by safety first: {explanation[0]}");
        }

        if (profile.Patterns.Length > 0)
        {
            // What the person ticked is said back to them, next to (not against) "nothing points to physical danger".
            var shown = string.Join(" ", [result.Safety.Summary, .. result.Safety.Notes]);
            foreach (var id in profile.Patterns)
            {
                Assert.Contains(Catalog.GetQuestion("patterns.early").FindOption(id)!.Label, shown, StringComparison.Ordinal);
            }

            Assert.Contains("early sign", result.Safety.Summary, StringComparison.OrdinalIgnoreCase);
        }
    }

    // Failure messages are built only on failure: this runs for some thirty thousand plans.
    private static void CheckPlan(Plan plan, AssessmentResult result, string[] chosen, string situation)
    {
        var stepIds = plan.AllSteps.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);

        if (result.Safety.AbuseOngoing)
        {
            Fail(plan.AllSteps.Any(s => s.Step.Joint || s.Step.HeldBackWhileAbuse), situation, "a joint or held-back step remains");
            Fail(plan.Timeline.Any(m => m.HeldBackWhileAbuse) || plan.Pitfalls.Any(p => p.HeldBackWhileAbuse), situation, "a held-back timeline marker or pitfall remains");
            Fail(stepIds.Contains("step.repair.setbacks"), situation, "the setbacks step remains"); // "one lapse doesn't erase progress" minimises violence
        }

        // Nothing that remains points at a step that is not in the plan.
        foreach (var (text, owner) in Texts(plan))
        {
            var facts = Facts.GetOrAdd(text, Read);
            foreach (var (words, step) in facts.Mentions)
            {
                if (owner != step && !stepIds.Contains(step))
                {
                    Assert.Fail($"{situation}: {owner} mentions \"{words}\", but {step} is not in the plan");
                }
            }

            if (facts.Unkeepable)
            {
                Assert.Fail($"{situation}: {owner} promises what nobody can keep: {text}");
            }

            if (Apart(result) && facts.StillTogetherOnly)
            {
                Assert.Fail($"{situation}: {owner} is about getting ready to leave, for someone who has left: {text}");
            }

            if (!result.Signals.Contains("status.live_together") && facts.SharedHome)
            {
                Assert.Fail($"{situation}: {owner} assumes a shared home: {text}");
            }
        }

        // Timeline markers and pitfalls follow the chosen paths and the person's status.
        var inPlan = plan.Sections.Select(s => s.Track.Id).ToHashSet(StringComparer.Ordinal);
        Fail(!plan.Timeline.All(m => m.Tracks.Any(inPlan.Contains)), situation, "a timeline marker for a path not in the plan");
        Fail(!plan.Pitfalls.All(p => p.Tracks.Any(inPlan.Contains)), situation, "a pitfall for a path not in the plan");
        Fail(!chosen.Contains(TrackIds.LeavingSafely) && plan.Timeline.Any(m => m.Id.StartsWith("timeline.leaving.", StringComparison.Ordinal)),
            situation, "a leaving timeline for someone who did not choose leaving");
        Fail(!chosen.Contains(TrackIds.LeavingSafely) && plan.Pitfalls.Any(p => p.Id == "pitfall.sharing_leaving_plans"),
            situation, "a pitfall about leaving plans for someone who did not choose leaving");
        Fail(Apart(result) && stepIds.Overlaps(["step.leaving.timing", "step.safety.documents"]), situation, "leaving preparation for someone who has left");
    }

    private static void Fail(bool failed, string situation, string what)
    {
        if (failed)
        {
            Assert.Fail($"{situation}: {what}");
        }
    }

    private sealed record TextFacts((string Words, string Step)[] Mentions, bool Unkeepable, bool StillTogetherOnly, bool SharedHome);

    // The same sentences recur in thousands of plans: read each once.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, TextFacts> Facts = new(StringComparer.Ordinal);

    private static TextFacts Read(string text) => new(
        [.. Pointers.Concat(Catalog.Steps.SelectMany(s => s.RefersAs.Select(w => (w, s.Id)))).Where(p => text.Contains(p.Item1, StringComparison.OrdinalIgnoreCase))],
        Unkeepable.Any(w => text.Contains(w, StringComparison.OrdinalIgnoreCase)),
        StillTogetherOnly.Any(w => text.Contains(w, StringComparison.OrdinalIgnoreCase)),
        text.Contains("rights to the home", StringComparison.OrdinalIgnoreCase));

    private static IEnumerable<(string Text, string Owner)> Texts(Plan plan)
    {
        foreach (var line in plan.Intro.Concat(plan.Sections.SelectMany(s => s.Notes)))
        {
            yield return (line, "the plan's framing");
        }

        foreach (var s in plan.AllSteps)
        {
            foreach (var t in new[] { s.Step.Title, s.Step.Why, s.Step.Commitment }.Concat(s.Step.How).Concat(s.Adaptations).OfType<string>())
            {
                yield return (t, s.Id);
            }
        }

        foreach (var m in plan.Timeline)
        {
            yield return (m.Text, m.Id);
        }

        foreach (var p in plan.Pitfalls)
        {
            yield return (p.Title + " " + p.Text + " " + p.Instead, p.Id);
        }
    }

    [Fact]
    public void One_ticked_line_about_unmet_needs_offers_self_nurturing_without_a_label_or_adding_it()
    {
        var result = AssessmentScorer.Score(new AnswerBuilder().Context("relationship.partner", "status.live_together", "want.unsure")
            .AllSafety("no").Patterns("neglect.no_interest").AllFactors(0.5).Build());
        var offer = result.Track(TrackIds.SelfNurturing);

        Assert.Equal(TrackStatus.Offered, offer.Status);
        Assert.DoesNotContain(TrackIds.SelfNurturing, TrackAdvisor.DefaultChoice(result));
        Assert.DoesNotContain(PlanBuilder.Build(result, TrackAdvisor.DefaultChoice(result)).Sections, s => s.Track.Id == TrackIds.SelfNurturing);
        var shown = string.Join(" ", [offer.Track.Title, offer.Track.Summary, .. offer.Reasons]);
        Assert.DoesNotContain("neglect", shown, StringComparison.OrdinalIgnoreCase);
        Assert.NotEqual(Catalog.Message(MessageIds.TrackNurtureOffered), offer.Reasons[0]); // it says why it may fit
    }

    [Fact]
    public void Early_red_flags_add_a_step_to_keep_them_in_view()
    {
        var result = AssessmentScorer.Score(new AnswerBuilder().Context("relationship.partner", "status.live_together", "want.work_on_it")
            .AllSafety("no").Patterns("pattern.eggshells").AllFactors(0.7).Build());
        var plan = PlanBuilder.Build(result, TrackAdvisor.DefaultChoice(result));

        Assert.Contains(plan.AllSteps, s => s.Id == "step.personal.watch_early_signs");
        Assert.DoesNotContain(PlanBuilder.Build(AssessmentScorer.Score(new AnswerBuilder().AllSafety("no").Build()), []).AllSteps,
            s => s.Id == "step.personal.watch_early_signs");
    }
}
