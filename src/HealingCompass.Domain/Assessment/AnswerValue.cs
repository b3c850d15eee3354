using HealingCompass.Domain.Content;

namespace HealingCompass.Domain.Assessment;

/// <summary>One answer: a scale value, an option, several options, or free text.</summary>
public readonly record struct AnswerValue
{
    private AnswerValue(QuestionKind kind, int number, string? text, IReadOnlyList<string>? options)
    {
        Kind = kind;
        Number = number;
        Text = text;
        Options = options ?? [];
    }

    public QuestionKind Kind { get; }

    /// <summary>The value of a Scale answer.</summary>
    public int Number { get; }

    /// <summary>The option ID of a Choice answer, or the words of a Text answer.</summary>
    public string? Text { get; }

    /// <summary>The option IDs of a Multi answer.</summary>
    public IReadOnlyList<string> Options { get; }

    public static AnswerValue Scale(int value) => new(QuestionKind.Scale, value, null, null);

    public static AnswerValue Choice(string optionId) => new(QuestionKind.Choice, 0, optionId, null);

    public static AnswerValue Multi(params IReadOnlyList<string> optionIds) => new(QuestionKind.Multi, 0, null, [.. optionIds]);

    public static AnswerValue FreeText(string text) => new(QuestionKind.Text, 0, text, null);

    public override string ToString() => Kind switch
    {
        QuestionKind.Scale => Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
        QuestionKind.Multi => "[" + string.Join(", ", Options) + "]",
        QuestionKind.Text => "(text)", // never print what the person wrote
        _ => Text ?? string.Empty,
    };
}
