using HealingCompass.Domain.Content;

namespace HealingCompass.Domain.Assessment;

/// <summary>An answer to one of a factor's items that differs between two assessments.</summary>
public sealed record ChangedAnswer(string QuestionId, string QuestionText, string? Before, string? Now);

/// <summary>A factor now beside an earlier result: both scores, the change, and the answers that moved it.</summary>
public sealed record FactorComparison(FactorDefinition Factor, int? Earlier, int? Now, IReadOnlyList<ChangedAnswer> ChangedAnswers)
{
    public int? Change => Earlier is { } e && Now is { } n ? n - e : null;
}

/// <summary>Each factor of a new result beside an earlier one, with the answers that drove each change.</summary>
public static class AssessmentComparison
{
    public static IReadOnlyList<FactorComparison> Compare(AnswerSet earlier, AnswerSet now)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        ArgumentNullException.ThrowIfNull(now);
        var before = AssessmentScorer.Score(earlier);
        var after = AssessmentScorer.Score(now);
        var catalog = now.Catalog;
        var comparisons = new List<FactorComparison>(after.Factors.Count);
        foreach (var factor in after.Factors)
        {
            var old = before.Factors.FirstOrDefault(f => f.Factor.Id == factor.Factor.Id);
            var changed = new List<ChangedAnswer>();
            foreach (var q in catalog.Questions)
            {
                if (q.Definition.Factor != factor.Factor.Id)
                {
                    continue;
                }
                var a = earlier.Catalog.TryGetQuestion(q.Id, out _) ? earlier[q.Id] : null;
                var b = now[q.Id];
                if (a != b)
                {
                    changed.Add(new ChangedAnswer(q.Id, q.Definition.Text, Label(q, a), Label(q, b)));
                }
            }
            comparisons.Add(new FactorComparison(factor.Factor, old?.Score, factor.Score, changed));
        }
        return comparisons;
    }

    private static string? Label(QuestionInfo q, AnswerValue? value)
    {
        if (value is not { } v)
        {
            return null;
        }
        return v.Kind == QuestionKind.Scale && q.Scale is { } scale
            ? scale.Points.FirstOrDefault(p => p.Value == v.Number)?.Label ?? v.Number.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : v.ToString();
    }
}
