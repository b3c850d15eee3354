using HealingCompass.Domain.Assessment;
using HealingCompass.Domain.Content;

namespace HealingCompass.Domain.Tests.Support;

/// <summary>Builds realistic answer sets in the words of a situation, against the real shipped content.</summary>
internal sealed class AnswerBuilder
{
    private readonly AnswerSet answers = new(ContentCatalog.Default);

    public static ContentCatalog Catalog => ContentCatalog.Default;

    public AnswerBuilder Choose(string questionId, string optionId)
    {
        answers.Set(questionId, optionId);
        return this;
    }

    public AnswerBuilder Tick(string questionId, params string[] optionIds)
    {
        var existing = answers[questionId]?.Options ?? [];
        answers.Set(questionId, AnswerValue.Multi([.. existing, .. optionIds]));
        return this;
    }

    public AnswerBuilder Context(string relationship, string status, string wants, string children = "children.no")
    {
        Choose("context.relationship", relationship);
        Choose("context.status", status);
        Choose("context.wants", wants);
        return Choose("context.children", children);
    }

    /// <summary>Answers every safety item with the same option, e.g. "no".</summary>
    public AnswerBuilder AllSafety(string optionId)
    {
        foreach (var q in Catalog.Questions.Where(q => q.IsSafetyItem))
        {
            answers.Set(q.Id, optionId);
        }

        return this;
    }

    public AnswerBuilder Yes(params string[] safetyIds)
    {
        foreach (var id in safetyIds)
        {
            answers.Set(id, SafetyOptions.Yes);
        }

        return this;
    }

    /// <summary>Answers every item of a factor so that it sits at <paramref name="level"/> (0 = worst, 1 = best).</summary>
    public AnswerBuilder Factor(string factorId, double level)
    {
        foreach (var q in Catalog.Questions.Where(q => q.Definition.Factor == factorId))
        {
            var n = q.Definition.Reverse ? 1 - level : level;
            var value = (int)Math.Round(q.ScaleMin + (n * (q.ScaleMax - q.ScaleMin)), MidpointRounding.AwayFromZero);
            answers.Set(q.Id, value);
        }

        return this;
    }

    public AnswerBuilder AllFactors(double level)
    {
        foreach (var f in Catalog.Factors)
        {
            Factor(f.Id, level);
        }

        return this;
    }

    public AnswerBuilder Patterns(params string[] optionIds)
    {
        foreach (var group in optionIds.GroupBy(QuestionOf))
        {
            Tick(group.Key, [.. group]);
        }

        return this;
    }

    public AnswerBuilder Barriers(params string[] barrierIds) => Tick("barriers.present", barrierIds);

    public AnswerSet Build() => answers.Clone();

    private static string QuestionOf(string optionId) =>
        Catalog.Questions.First(q => q.Kind == QuestionKind.Multi && q.IndexOfOption(optionId) >= 0).Id;
}
