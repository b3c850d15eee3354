using HealingCompass.Domain.Assessment;
using HealingCompass.Domain.Plans;
using HealingCompass.Domain.Tests.Support;

namespace HealingCompass.Domain.Tests.Plans;

/// <summary>
/// Bytes allocated are deterministic, unlike time, so the 16 KB per-assessment budget can be guarded here.
/// Timing is measured by the benchmarks (docs/performance.md), never by tests.
/// </summary>
public sealed class AllocationBudgetTests
{
    private const long BudgetBytes = 16 * 1024;

    [Fact]
    public void Scoring_and_building_a_plan_with_every_track_allocates_no_more_than_16_kb()
    {
        // The worst case: every question answered, every barrier ticked, every track chosen.
        var answers = new AnswerBuilder()
            .Context("relationship.partner", "status.live_together", "want.unsure", "children.yes_shared")
            .Choose("context.duration", "duration.3_10y")
            .AllSafety("no").Yes("safety.control")
            .Patterns("pattern.isolation", "pattern.gaslighting", "pattern.eggshells", "neglect.dismissed_needs", "effect.anxiety")
            .AllFactors(0.5).Factor("factor.support", 1).Factor("factor.severity", 0)
            .Barriers("barrier.finances", "barrier.children", "barrier.housing", "barrier.immigration", "barrier.stigma", "barrier.no_support", "barrier.health", "barrier.job")
            .Build()
            .Set("reflection.notes", AnswerValue.FreeText("A note the person wrote for themself."));
        var chosen = TrackIds.All;
        PlanBuilder.Build(AssessmentScorer.Score(answers), chosen); // warm up: content load and JIT

        var before = GC.GetAllocatedBytesForCurrentThread();
        var plan = PlanBuilder.Build(AssessmentScorer.Score(answers), chosen);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.NotEmpty(plan.Sections);
        Assert.True(allocated <= BudgetBytes, $"allocated {allocated} bytes");
    }
}
