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
        var coerciveControl = false;
        var drivers = new List<SafetyDriver>();
        int unanswered = 0, notShared = 0;

        foreach (var item in catalog.SafetyItems)
        {
                switch (answers[item.Ordinal]?.Text)
            {
                case null:
                    unanswered++;
                    break;
                case SafetyOptions.Yes:
                    Raise(item.YesDriver!);
                    break;
                case SafetyOptions.Unsure:
                    Raise(item.UnsureDriver!);
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
            var andAnyOf = rule.AndAnyOf.Length == 0 || signals.ContainsAny(rule.AndAnyOf);
            if (allOf && anyOf && andAnyOf)
            {
                coerciveControl |= rule.Rule.Id == SignalIds.CoerciveControlRule;
                Raise(rule.Driver);
            }
        }

        // Most serious first, so the explanation leads with what matters most.
        drivers.Sort(static (a, b) => b.Level.CompareTo(a.Level));

        var notes = new List<string>(3);
        var noticed = Noticed(answers);
        if (noticed is not null)
        {
            // Patterns the person ticked are said back to them, whatever the level, so an answer never vanishes.
            notes.Add(catalog.Message(MessageIds.SafetyNoticed, noticed));
        }

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
            _ => noticed is null ? MessageIds.SafetyNone : MessageIds.SafetyNoneWithSigns,
        });

        return new SafetyAssessment(level, summary, drivers, unanswered, notShared, notes, coerciveControl);

        void Raise(SafetyDriver driver)
        {
            if (driver.Level == SafetyLevel.None)
            {
                return;
            }

            drivers.Add(driver);
            if (driver.Level > level)
            {
                level = driver.Level;
            }
        }
    }

    // The labels of the patterns the person ticked, quoted, or null when none.
    private static string? Noticed(AnswerSet answers)
    {
        string? text = null;
        foreach (var id in SignalIds.PatternQuestions)
        {
            if (!answers.Catalog.TryGetQuestion(id, out var q) || answers[q.Ordinal] is not { } value)
            {
                continue;
            }

            foreach (var optionId in value.Options)
            {
                if (q.FindOption(optionId) is { } option)
                {
                    text = text is null ? $"\u201C{option.Label}\u201D" : $"{text}; \u201C{option.Label}\u201D";
                }
            }
        }

        return text;
    }
}
