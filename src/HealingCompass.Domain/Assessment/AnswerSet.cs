using HealingCompass.Domain.Content;

namespace HealingCompass.Domain.Assessment;

/// <summary>
/// The answers of one assessment, checked against the content as they are set. Unanswered questions
/// are simply absent. Stored by question ordinal so scoring needs no string look-ups.
/// </summary>
public sealed class AnswerSet
{
    private readonly AnswerValue?[] values;

    public AnswerSet(ContentCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        Catalog = catalog;
        values = new AnswerValue?[catalog.Questions.Count];
    }

    /// <summary>An empty set of answers for the content shipped with this build.</summary>
    public AnswerSet() : this(ContentCatalog.Default) { }

    public ContentCatalog Catalog { get; }

    public int Count => values.Count(v => v.HasValue);

    public bool IsEmpty => Array.TrueForAll(values, v => !v.HasValue);

    public AnswerValue? this[string questionId] =>
        Catalog.TryGetQuestion(questionId, out var q) ? values[q.Ordinal] : null;

    internal AnswerValue? this[int ordinal] => values[ordinal];

    /// <summary>Answered questions in the order the person meets them.</summary>
    public IEnumerable<(QuestionInfo Question, AnswerValue Value)> Answered
    {
        get
        {
            for (var i = 0; i < values.Length; i++)
            {
                if (values[i] is { } v)
                {
                    yield return (Catalog.Questions[i], v);
                }
            }
        }
    }

    /// <summary>Sets an answer if it fits the question; otherwise returns what is wrong and changes nothing.</summary>
    public AnswerProblem? TrySet(string questionId, AnswerValue value)
    {
        ArgumentNullException.ThrowIfNull(questionId);
        if (!Catalog.TryGetQuestion(questionId, out var q))
        {
            return new AnswerProblem(AnswerProblemKind.UnknownQuestion, questionId, Catalog.Message(MessageIds.AnswersUnknownQuestion, questionId));
        }

        var problem = Check(q, value);
        if (problem is null)
        {
            values[q.Ordinal] = IsBlank(value) ? null : value;
        }

        return problem;
    }

    /// <summary>Sets an answer the caller knows to be valid (code and tests); throws if it is not.</summary>
    public AnswerSet Set(string questionId, AnswerValue value)
    {
        var problem = TrySet(questionId, value);
        return problem is null ? this : throw new ArgumentException(problem.Message, nameof(value));
    }

    public AnswerSet Set(string questionId, int scaleValue) => Set(questionId, AnswerValue.Scale(scaleValue));

    public AnswerSet Set(string questionId, string optionId) => Set(questionId, AnswerValue.Choice(optionId));

    public void Clear(string questionId)
    {
        if (Catalog.TryGetQuestion(questionId, out var q))
        {
            values[q.Ordinal] = null;
        }
    }

    public AnswerSet Clone()
    {
        var copy = new AnswerSet(Catalog);
        values.CopyTo(copy.values, 0);
        return copy;
    }

    /// <summary>Required safety questions not answered yet (an answer of "I'd rather not say" counts as answered).</summary>
    public IReadOnlyList<QuestionInfo> MissingRequired() =>
        [.. Catalog.Questions.Where(q => q.Definition.Required && !values[q.Ordinal].HasValue)];

    private static bool IsBlank(AnswerValue value) => value.Kind switch
    {
        QuestionKind.Multi => value.Options.Count == 0,
        QuestionKind.Text => string.IsNullOrWhiteSpace(value.Text),
        _ => false,
    };

    private AnswerProblem? Check(QuestionInfo q, AnswerValue value)
    {
        if (value.Kind != q.Kind)
        {
            return Problem(AnswerProblemKind.WrongType, q, MessageIds.AnswersWrongType);
        }

        switch (q.Kind)
        {
            case QuestionKind.Scale:
                if (q.Scale!.Points.All(p => p.Value != value.Number))
                {
                    return Problem(AnswerProblemKind.OutOfRange, q, MessageIds.AnswersOutOfRange, q.ScaleMin, q.ScaleMax);
                }

                break;
            case QuestionKind.Choice:
                if (value.Text is null || q.IndexOfOption(value.Text) < 0)
                {
                    return Problem(AnswerProblemKind.UnknownOption, q, MessageIds.AnswersUnknownOption, value.Text);
                }

                break;
            case QuestionKind.Multi:
                for (var i = 0; i < value.Options.Count; i++)
                {
                    if (q.IndexOfOption(value.Options[i]) < 0)
                    {
                        return Problem(AnswerProblemKind.UnknownOption, q, MessageIds.AnswersUnknownOption, value.Options[i]);
                    }

                    for (var j = 0; j < i; j++)
                    {
                        if (string.Equals(value.Options[i], value.Options[j], StringComparison.Ordinal))
                        {
                            return Problem(AnswerProblemKind.DuplicateOption, q, MessageIds.AnswersDuplicateOption, value.Options[i]);
                        }
                    }
                }

                break;
            case QuestionKind.Text:
                if (value.Text is not null && value.Text.Length > q.Definition.MaxLength)
                {
                    return Problem(AnswerProblemKind.TooLong, q, MessageIds.AnswersTooLong, q.Definition.MaxLength);
                }

                break;
        }

        return null;
    }

    private AnswerProblem Problem(AnswerProblemKind kind, QuestionInfo q, string messageId, params object?[] args)
    {
        // Every message names the question first ({0} is its ID) so a person can find it in the file.
        var all = new object?[args.Length + 1];
        all[0] = q.Id;
        args.CopyTo(all, 1);
        return new AnswerProblem(kind, q.Id, Catalog.Message(messageId, all));
    }
}
