using Bunit;
using HealingCompass.Domain.Assessment;
using HealingCompass.Domain.Content;
using HealingCompass.Web.Components.Results;
using HealingCompass.Web.Results;
using HealingCompass.Web.Tests.Support;

namespace HealingCompass.Web.Tests.Results;

public sealed class SafetySummaryTests : ComponentTestBase
{
    [Fact]
    public void Without_danger_it_says_so_and_shows_no_crisis_contacts()
    {
        var safety = AssessmentScorer.Score(Answers.Calm()).Safety;

        var cut = Render<SafetySummary>(p => p.Add(x => x.Safety, safety));

        Assert.Equal(ResultWording.SafetyHeading(SafetyLevel.None), cut.Find("h2").Text());
        Assert.Contains(safety.Summary, cut.PageText(), StringComparison.Ordinal);
        Assert.Empty(cut.FindAll(".hc-crisis"));
        Assert.DoesNotContain("hc-safety-card", cut.Find(".mud-paper").ClassName, StringComparison.Ordinal);
    }

    [Fact]
    public void With_danger_it_lists_what_it_is_based_on_and_the_help_to_reach_now()
    {
        RegionChoice.Choose("region.uk");
        var safety = AssessmentScorer.Score(Answers.Danger()).Safety;

        var cut = Render<SafetySummary>(p => p.Add(x => x.Safety, safety));

        Assert.Equal(ResultWording.SafetyHeading(SafetyLevel.High), cut.Find("h2").Text());
        Assert.Contains("What this is based on", cut.PageText(), StringComparison.Ordinal);
        Assert.Contains(cut.FindAll("li"), li => li.Text() == "You said they have threatened to kill you.");
        Assert.Contains("hc-safety-card", cut.Find(".mud-paper").ClassName, StringComparison.Ordinal);
        Assert.Contains("call 999", cut.Find(".hc-crisis .hc-emergency").Text(), StringComparison.Ordinal);
    }

    [Fact]
    public void Unanswered_safety_questions_are_noted()
    {
        var answers = new AnswerSet(Answers.Catalog).Set("safety.choking", SafetyOptions.No);
        var safety = AssessmentScorer.Score(answers).Safety;

        var cut = Render<SafetySummary>(p => p.Add(x => x.Safety, safety));

        Assert.NotEmpty(safety.Notes);
        Assert.All(safety.Notes, note => Assert.Contains(note, cut.PageText(), StringComparison.Ordinal));
    }
}
