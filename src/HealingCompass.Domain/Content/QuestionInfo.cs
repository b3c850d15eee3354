using HealingCompass.Domain.Assessment;
using HealingCompass.Domain.Safety;

namespace HealingCompass.Domain.Content;

/// <summary>A question with everything the engine needs resolved at load: options, scale bounds, factor, signals.</summary>
public sealed class QuestionInfo
{
    internal QuestionInfo(Question definition, Section section, int ordinal, IReadOnlyList<AnswerOption> options, AnswerScale? scale)
    {
        Definition = definition;
        Section = section;
        Ordinal = ordinal;
        Options = options;
        Scale = scale;
        ScaleMin = scale?.Points.Min(p => p.Value) ?? 0;
        ScaleMax = scale?.Points.Max(p => p.Value) ?? 0;
    }

    public Question Definition { get; }
    public Section Section { get; }
    public string Id => Definition.Id;
    public QuestionKind Kind => Definition.Kind;

    /// <summary>Position in <see cref="ContentCatalog.Questions"/>; answers are stored by it.</summary>
    public int Ordinal { get; }

    /// <summary>The options of a Choice or Multi question (inline or from its option set); empty otherwise.</summary>
    public IReadOnlyList<AnswerOption> Options { get; }

    public AnswerScale? Scale { get; }
    public int ScaleMin { get; }
    public int ScaleMax { get; }

    /// <summary>Index of the factor in <see cref="ContentCatalog.Factors"/>, or -1.</summary>
    internal int FactorIndex { get; set; } = -1;

    /// <summary>Signal ordinal of each option (-1 where the option is not a signal).</summary>
    internal int[] OptionSignals { get; set; } = [];

    /// <summary>For safety items: the signal a "yes" raises.</summary>
    internal int YesSignal { get; set; } = -1;

    public bool IsSafetyItem => Definition.Safety is not null;

    // Explanations are built once at load and shared, so scoring allocates only the lists that hold them.
    internal FactorDriver? LowDriver { get; set; }
    internal FactorDriver? HighDriver { get; set; }
    internal SafetyDriver? YesDriver { get; set; }
    internal SafetyDriver? UnsureDriver { get; set; }

    public AnswerOption? FindOption(string optionId)
    {
        var i = IndexOfOption(optionId);
        return i < 0 ? null : Options[i];
    }

    internal int IndexOfOption(string optionId)
    {
        for (var i = 0; i < Options.Count; i++)
        {
            if (string.Equals(Options[i].Id, optionId, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>A scale value mapped to 0..1 where 1 always means "more room for repair".</summary>
    internal double Normalise(int value)
    {
        var span = ScaleMax - ScaleMin;
        var n = span == 0 ? 0 : (double)(value - ScaleMin) / span;
        return Definition.Reverse ? 1 - n : n;
    }
}
