using HealingCompass.Domain.Content;

namespace HealingCompass.Domain.Assessment;

/// <summary>
/// The signals present in a set of answers: safety items answered "yes" and every option chosen whose ID is
/// a signal (e.g. <c>barrier.finances</c>). Rules and plans are conditions over these.
/// </summary>
public sealed class SignalSet
{
    private readonly bool[] present;

    private SignalSet(ContentCatalog catalog, bool[] present)
    {
        Catalog = catalog;
        this.present = present;
    }

    public ContentCatalog Catalog { get; }

    public bool Contains(string signalId)
    {
        var i = Catalog.SignalOrdinal(signalId);
        return i >= 0 && present[i];
    }

    internal bool Contains(int ordinal) => ordinal >= 0 && present[ordinal];

    /// <summary>The IDs present, in content order.</summary>
    public IEnumerable<string> Ids
    {
        get
        {
            for (var i = 0; i < present.Length; i++)
            {
                if (present[i])
                {
                    yield return Catalog.SignalNames[i];
                }
            }
        }
    }

    /// <summary>The person has left or ended contact: content about getting ready to leave no longer fits.</summary>
    public bool AlreadyApart => Contains(SignalIds.StatusNoContact) || Contains(SignalIds.WantAlreadyLeft);

    public bool AnyWithPrefix(string prefix)
    {
        for (var i = 0; i < present.Length; i++)
        {
            if (present[i] && Catalog.SignalNames[i].StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    internal bool Matches(in CompiledCondition condition) =>
        (condition.WhenAny.Length == 0 || ContainsAny(condition.WhenAny)) && !ContainsAny(condition.UnlessAny);

    internal bool ContainsAny(int[] ordinals)
    {
        foreach (var o in ordinals)
        {
            if (Contains(o))
            {
                return true;
            }
        }

        return false;
    }

    internal int CountOf(int[] ordinals)
    {
        var n = 0;
        foreach (var o in ordinals)
        {
            if (Contains(o))
            {
                n++;
            }
        }

        return n;
    }

    public static SignalSet From(AnswerSet answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var catalog = answers.Catalog;
        var present = new bool[catalog.SignalCount];
        var questions = catalog.Questions;
        for (var i = 0; i < questions.Count; i++)
        {
            if (answers[i] is not { } value)
            {
                continue;
            }

            var q = questions[i];
            if (q.Kind == QuestionKind.Choice)
            {
                var index = q.IndexOfOption(value.Text!);
                if (index >= 0 && q.OptionSignals[index] >= 0)
                {
                    present[q.OptionSignals[index]] = true;
                }

                if (q.YesSignal >= 0 && value.Text == SafetyOptions.Yes)
                {
                    present[q.YesSignal] = true;
                }
            }
            else if (q.Kind == QuestionKind.Multi)
            {
                foreach (var option in value.Options)
                {
                    var index = q.IndexOfOption(option);
                    if (index >= 0 && q.OptionSignals[index] >= 0)
                    {
                        present[q.OptionSignals[index]] = true;
                    }
                }
            }
        }

        return new SignalSet(catalog, present);
    }
}

/// <summary>The option IDs of the yes / no / not sure / rather not say set that safety items use.</summary>
public static class SafetyOptions
{
    public const string Yes = "yes";
    public const string No = "no";
    public const string Unsure = "unsure";
    public const string Skip = "skip";
}
