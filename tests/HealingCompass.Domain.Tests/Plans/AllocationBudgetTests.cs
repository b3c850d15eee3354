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
    public void Scoring_and_building_a_full_plan_allocates_no_more_than_16_kb()
    {
        var answers = new AnswerBuilder()
            .Context("relationship.partner", "status.live_together", "want.unsure", "children.yes_shared")
            .AllSafety("no").Yes("safety.controlling_jealousy")
            .Patterns("pattern.isolation", "pattern.gaslighting", "neglect.dismissed_needs", "effect.anxiety")
            .AllFactors(0.5)
            .Barriers("barrier.finances", "barrier.children")
            .Build();
        string[] chosen = [TrackIds.SafetyPlanning, TrackIds.RelationalRepair, TrackIds.SelfNurturing];
        PlanBuilder.Build(AssessmentScorer.Score(answers), chosen); // warm up: content load and JIT

        var before = GC.GetAllocatedBytesForCurrentThread();
        var plan = PlanBuilder.Build(AssessmentScorer.Score(answers), chosen);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.NotEmpty(plan.Sections);
        Assert.True(allocated <= BudgetBytes, $"allocated {allocated} bytes");
    }
}
