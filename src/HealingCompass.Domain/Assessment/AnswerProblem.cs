namespace HealingCompass.Domain.Assessment;

/// <summary>What kind of thing is wrong with an answer or an answers file.</summary>
public enum AnswerProblemKind
{
    Empty,
    NotJson,
    TooLarge,
    WrongFormat,
    WrongVersion,
    UnknownQuestion,
    UnknownOption,
    OutOfRange,
    WrongType,
    TooLong,
    MissingSafety,
    DuplicateOption,
}

/// <summary>One thing wrong with some answers, in words a person can act on.</summary>
/// <param name="Kind">The kind of problem, for code.</param>
/// <param name="QuestionId">The question concerned, if any.</param>
/// <param name="Message">A kind, plain sentence for the person.</param>
public sealed record AnswerProblem(AnswerProblemKind Kind, string? QuestionId, string Message);
