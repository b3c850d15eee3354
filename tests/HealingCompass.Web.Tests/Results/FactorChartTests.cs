using Bunit;
using HealingCompass.Domain.Assessment;
using HealingCompass.Web.Components.Results;
using HealingCompass.Web.Results;
using HealingCompass.Web.Tests.Support;

namespace HealingCompass.Web.Tests.Results;

public sealed class FactorChartTests : ComponentTestBase
{
    private static readonly IReadOnlyList<FactorScore> Scored = AssessmentScorer.Score(Answers.Calm()).Factors;

    [Fact]
    public void A_bar_chart_is_drawn_as_svg()
    {
        var cut = Render<FactorChart>(p => p.Add(x => x.Factors, Scored));

        Assert.NotEmpty(cut.FindAll(".hc-chart svg"));
    }

    [Fact]
    public void The_chart_is_labelled_with_every_score_for_screen_readers()
    {
        var cut = Render<FactorChart>(p => p.Add(x => x.Factors, Scored));

        var chart = cut.Find(".hc-chart");
        Assert.Equal("img", chart.GetAttribute("role"));
        var label = chart.GetAttribute("aria-label")!;
        Assert.StartsWith("Bar chart of your factor scores out of 100: ", label, StringComparison.Ordinal);
        Assert.All(Scored, f => Assert.Contains($"{f.Factor.Title} {f.Score} out of 100", label, StringComparison.Ordinal));
    }

    [Fact]
    public void Each_factor_has_a_title_a_description_and_what_drove_it()
    {
        var cut = Render<FactorChart>(p => p.Add(x => x.Factors, Scored));

        var factors = cut.FindAll(".hc-factor");
        Assert.Equal(Scored.Count, factors.Count);
        for (var i = 0; i < Scored.Count; i++)
        {
            var text = factors[i].Text();
            Assert.Contains(Scored[i].Factor.Title, text, StringComparison.Ordinal);
            Assert.Contains(Scored[i].Factor.Description, text, StringComparison.Ordinal);
            Assert.Contains("What drove this", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_factor_with_no_answers_says_so_in_words_and_the_label()
    {
        var empty = AssessmentScorer.Score(new AnswerSet(Answers.Catalog)).Factors;

        var cut = Render<FactorChart>(p => p.Add(x => x.Factors, empty));

        Assert.All(cut.FindAll(".hc-factor h3"), h => Assert.EndsWith(": Not enough answers", h.Text(), StringComparison.Ordinal));
        Assert.DoesNotContain("What drove this", cut.PageText(), StringComparison.Ordinal);
        Assert.Contains($"{empty[0].Factor.Title} {ResultWording.Score(null)}", cut.Find(".hc-chart").GetAttribute("aria-label"), StringComparison.Ordinal);
    }
}
