using HealingCompass.Domain.Assessment;
using HealingCompass.Domain.Content;

namespace HealingCompass.Web.Tests.Support;

/// <summary>Ready-made answer sets against the shipped content, in the words of a situation.</summary>
internal static class Answers
{
    public static ContentCatalog Catalog => ContentCatalog.Default;

    /// <summary>A person who reports no danger, with every factor answered so each has drivers on both sides.</summary>
    public static AnswerSet Calm()
    {
        var answers = new AnswerSet(Catalog)
            .Set("context.relationship", "relationship.partner")
            .Set("context.status", "status.in_contact")
            .Set("context.wants", "want.work_on_it");
        foreach (var q in Catalog.Questions.Where(q => q.IsSafetyItem))
        {
            answers.Set(q.Id, SafetyOptions.No);
        }

        var i = 0;
        foreach (var q in Catalog.Questions.Where(q => q.Definition.Factor is not null))
        {
            // Alternate the ends of the scale: some answers pull each factor down, some lift it.
            answers.Set(q.Id, i++ % 2 == 0 ? q.ScaleMin : q.ScaleMax);
        }

        return answers;
    }

    /// <summary>The calm answers, but they have threatened to kill the person (a high danger sign).</summary>
    public static AnswerSet Danger() => Calm().Set("safety.threats_to_kill", SafetyOptions.Yes);
}
