using FsCheck.Xunit;
using HealingCompass.Domain.Assessment;
using HealingCompass.Domain.Content;
using HealingCompass.Domain.Plans;
using HealingCompass.Domain.Resources;
using HealingCompass.Domain.Tests.Support;

namespace HealingCompass.Domain.Tests.People;

/// <summary>
/// The plan fits whoever is asking and whoever the other person is: every relationship type × living
/// situation × age band × safety level. The plan is built with every path chosen, because a step, marker or
/// pitfall only ever joins when another path is added: what the fullest plan never says, no smaller plan says.
/// </summary>
public sealed class EveryPersonAndTieTests
{
    private static readonly ContentCatalog Catalog = ContentCatalog.Default;

    private static readonly string[] Relationships = [.. Catalog.GetQuestion("context.relationship").Options.Select(o => o.Id)];
    private static readonly string[] FamilyOrWork = ["relationship.parent", "relationship.adult_child", "relationship.sibling", "relationship.other_family", "relationship.coworker"];
    private static readonly string[] Statuses = [.. Catalog.GetQuestion(SignalIds.Status).Options.Select(o => o.Id)];

    /// <summary>Null: the age question was skipped, which it may be.</summary>
    private static readonly string?[] Ages = [null, .. Catalog.GetQuestion("context.age").Options.Select(o => o.Id)];

    private static readonly (string Name, string[] Yes, string[] Patterns)[] SafetyProfiles =
    [
        ("none", [], []),
        ("concern", ["safety.substance"], []),
        ("control", ["safety.control"], []),
        ("high", ["safety.physical_violence"], []),
        ("immediate", ["safety.fear_now"], []),
    ];

    // Said of a couple or a romance: never for a parent, an adult child, a sibling, a relative or a coworker.
    private static readonly string[] Romantic = ["couple", "partner", "romantic", "dating", "boyfriend", "girlfriend", "husband", "wife", "spouse"];

    // Moving out of a shared home, tenancy and custody: only for someone who lives with the other person and is an adult.
    private static readonly string[] SharedHome =
        ["tenancy", "custody", "where you'll go", "where you'll live", "rights to the home", "home you share", "move out", "moving out", "moving the children", "moving them"];

    // Adult life that doesn't fit a teenager.
    // Work wording stays: it appears only when the person said their work is tied to the other person.
    private static readonly string[] AdultLife = ["night's stay", "work hours", "shelter", "refuge", "mortgage"];

    public static TheoryData<string, string> Situations()
    {
        var data = new TheoryData<string, string>();
        foreach (var relationship in Relationships)
        {
            foreach (var profile in SafetyProfiles)
            {
                data.Add(relationship, profile.Name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Situations))]
    public void Every_plan_fits_the_tie_the_home_and_the_age_of_the_person(string relationship, string profileName)
    {
        var profile = SafetyProfiles.Single(p => p.Name == profileName);
        foreach (var status in Statuses)
        {
            foreach (var age in Ages)
            {
                var builder = new AnswerBuilder().Context(relationship, status, "want.unsure").AllSafety("no").Yes(profile.Yes).AllFactors(0.3);
                if (age is not null)
                {
                    builder.Choose("context.age", age);
                }

                Check(AssessmentScorer.Score(builder.Build()), $"{relationship}, {status}, {age ?? "age skipped"}, {profile.Name}");
            }
        }
    }

    [Property(MaxTest = 300)]
    public void Any_answers_give_a_plan_that_fits_the_tie_the_home_and_the_age(int seed, int relationship, int status, int age)
    {
        var answers = RandomAnswers.From(seed)
            .Set("context.relationship", Relationships[Math.Abs(relationship % Relationships.Length)])
            .Set(SignalIds.Status, Statuses[Math.Abs(status % Statuses.Length)]);
        if (Ages[Math.Abs(age % Ages.Length)] is { } band)
        {
            answers.Set("context.age", band);
        }

        Check(AssessmentScorer.Score(answers), $"seed {seed}");
    }

    [Property(MaxTest = 300)]
    public void A_threat_to_expose_or_about_immigration_is_coercive_control_whatever_else_was_said(int seed, bool expose)
    {
        var threat = expose ? SignalIds.ThreatToExpose : SignalIds.ImmigrationThreat;
        var answers = RandomAnswers.From(seed);
        answers.Set("patterns.ongoing", AnswerValue.Multi([.. answers["patterns.ongoing"]?.Options.Where(o => o != threat) ?? [], threat]));

        var result = AssessmentScorer.Score(answers);

        Assert.True(result.Safety.CoerciveControl, $"seed {seed}: {threat} did not count as coercive control");
        Assert.True(result.Safety.Level >= SafetyLevel.Concern);
        Assert.True(result.CouplesCounsellingNotAdvised);
        Assert.NotEqual(TrackStatus.Recommended, result.Track(TrackIds.RelationalRepair).Status);
        Assert.DoesNotContain(PlanBuilder.Build(result, [TrackIds.RelationalRepair]).AllSteps, s => s.Step.Joint);
    }

    [Property(MaxTest = 200)]
    public void The_plan_surfaces_a_fitting_line_whenever_the_regions_data_has_one(int seed, int age, bool expose)
    {
        var answers = RandomAnswers.From(seed);
        if (Ages[Math.Abs(age % Ages.Length)] is { } band)
        {
            answers.Set("context.age", band);
        }
        else
        {
            answers.Clear("context.age");
        }

        if (expose)
        {
            answers.Set("patterns.ongoing", AnswerValue.Multi([SignalIds.ThreatToExpose]));
        }

        var signals = AssessmentScorer.Score(answers).Signals;
        var wanted = new List<Audience>();
        if (signals.Contains(SignalIds.AgeUnder18)) { wanted.Add(Audience.YoungPeople); }
        if (signals.Contains(SignalIds.Age65Plus)) { wanted.Add(Audience.OlderPeople); }
        if (signals.Contains(SignalIds.ThreatToExpose)) { wanted.Add(Audience.Lgbtq); }

        foreach (var region in ResourceDirectory.Default.Regions)
        {
            var groups = SupportFit.For(region, signals);
            Assert.Equal(Audience.Everyone, groups[^1].Audience);
            Assert.NotEmpty(groups[^1].Contacts); // nobody is left with only lines for someone else
            foreach (var audience in wanted)
            {
                var group = Assert.Single(groups, g => g.Audience == audience);
                var inData = region.Contacts.Where(c => c.Serves.Contains(audience)).ToArray();
                Assert.Equal(inData, group.Contacts);
                Assert.All(group.Contacts, c => Assert.Contains(audience, c.Serves));
            }
        }
    }

    private static void Check(AssessmentResult result, string situation)
    {
        var plan = PlanBuilder.Build(result, TrackIds.All);
        var texts = Texts(plan, result).ToArray();
        var signals = result.Signals;

        if (FamilyOrWork.Any(signals.Contains))
        {
            Refuse(texts, Romantic, situation, "a couple or romantic word for a family or work tie");
        }

        if (!signals.Contains("status.live_together") || signals.Contains(SignalIds.AgeUnder18))
        {
            Refuse(texts, SharedHome, situation, "move-out, tenancy or custody wording where they don't share a home or the person is under 18");
        }

        if (signals.Contains(SignalIds.AgeUnder18))
        {
            Refuse(texts, AdultLife, situation, "adult-life wording for someone under 18");
            Assert.Contains(plan.AllSteps, s => s.Id == "step.young.trusted_adult");
        }

        if (signals.Contains(SignalIds.Age65Plus))
        {
            Assert.Contains(plan.AllSteps, s => s.Id == "step.older.services");
            Assert.Contains(plan.AllSteps, s => s.Id == "step.older.staying_home");
        }
    }

    private static void Refuse(string[] texts, string[] words, string situation, string what)
    {
        foreach (var text in texts)
        {
            foreach (var word in words)
            {
                if (text.Contains(word, StringComparison.OrdinalIgnoreCase))
                {
                    Assert.Fail($"{situation}: {what} (\"{word}\"): {text}");
                }
            }
        }
    }

    // Everything the person reads about their plan and their result, apart from their own answers said back.
    private static IEnumerable<string> Texts(Plan plan, AssessmentResult result)
    {
        foreach (var line in plan.Intro.Concat(plan.Sections.SelectMany(s => s.Notes)))
        {
            yield return line;
        }

        foreach (var section in plan.Sections)
        {
            yield return section.Track.Title;
            yield return section.Track.Summary;
            foreach (var t in section.Track.Gains.Concat(section.Track.Costs).Concat(section.Offer.Reasons))
            {
                yield return t;
            }
        }

        foreach (var s in plan.AllSteps)
        {
            foreach (var t in new[] { s.Step.Title, s.Step.Why, s.Step.Commitment }.Concat(s.Step.How).Concat(s.Adaptations).OfType<string>())
            {
                yield return t;
            }
        }

        foreach (var m in plan.Timeline)
        {
            yield return m.Text;
        }

        foreach (var p in plan.Pitfalls)
        {
            yield return p.Title + " " + p.Text + " " + p.Instead;
        }

        foreach (var t in result.Tracks.SelectMany(t => t.Reasons).Concat(result.Repairability.Explanation))
        {
            yield return t;
        }

        if (result.CouplesCounsellingNotAdvised)
        {
            yield return Catalog.Message(MessageIds.CouplesCounsellingNotAdvised);
        }
    }
}
