using HealingCompass.Domain.Assessment;
using HealingCompass.Domain.Content;

namespace HealingCompass.Domain.Safety;

/// <summary>
/// Works out the safety level from explicit rules: each safety item's own level, then the combination
/// rules in questions.json (e.g. threats to kill with access to a weapon). The highest level wins.
/// It never lowers a level because other answers look hopeful.
/// </summary>
public static class SafetyEvaluator
{
    public static SafetyAssessment Evaluate(AnswerSet answers, SignalSet signals)
    {
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(signals);
        var catalog = answers.Catalog;
        var level = SafetyLevel.None;
        var drivers = new List<SafetyDriver>();
        int unanswered = 0, notShared = 0;

        foreach (var item in catalog.SafetyItems)
        {
            var safety = item.Definition.Safety!;
            switch (answers[item.Ordinal]?.Text)
            {
                case null:
                    unanswered++;
                    break;
                case SafetyOptions.Yes:
                    Raise(safety.LevelIfYes, item.Id, safety.SaidYes);
                    break;
                case SafetyOptions.Unsure:
                    Raise(safety.LevelIfUnsure, item.Id, catalog.Message(MessageIds.SafetyUnsure, item.Definition.Text));
                    break;
                case SafetyOptions.Skip:
                    notShared++;
                    break;
            }
        }

        foreach (var rule in catalog.Rules)
        {
            var allOf = rule.AllOf.Length == 0 || signals.CountOf(rule.AllOf) == rule.AllOf.Length;
            var anyOf = rule.AnyOf.Length == 0 || signals.CountOf(rule.AnyOf) >= (rule.Rule.MinCount ?? 1);
            if (allOf && anyOf)
            {
                Raise(rule.Rule.Level, rule.Rule.Id, rule.Rule.Explanation);
            }
        }

        // Most serious first, so the explanation leads with what matters most.
        drivers.Sort(static (a, b) => b.Level.CompareTo(a.Level));

        var notes = new List<string>(2);
        if (unanswered > 0)
        {
            notes.Add(catalog.Message(MessageIds.SafetyMissing, unanswered));
        }

        if (notShared > 0)
        {
            notes.Add(catalog.Message(MessageIds.SafetyNotShared, notShared));
        }

        var summary = catalog.Message(level switch
        {
            SafetyLevel.Immediate => MessageIds.SafetyImmediate,
            SafetyLevel.High => MessageIds.SafetyHigh,
            SafetyLevel.Concern => MessageIds.SafetyConcern,
            _ => MessageIds.SafetyNone,
        });

        return new SafetyAssessment(level, summary, drivers, unanswered, notShared, notes);

        void Raise(SafetyLevel reached, string source, string text)
        {
            if (reached == SafetyLevel.None)
            {
                return;
            }

            drivers.Add(new SafetyDriver(source, reached, text));
            if (reached > level)
            {
                level = reached;
            }
        }
    }
}
