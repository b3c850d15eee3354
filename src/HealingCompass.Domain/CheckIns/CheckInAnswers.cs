namespace HealingCompass.Domain.CheckIns;

/// <summary>
/// One week's answers, as stored (encrypted) and read back. <see cref="Versions"/> keeps, for each question,
/// the wording version it was answered against, so an old week reads as it was asked.
/// </summary>
public sealed record CheckInAnswers
{
    public required int WeekFelt { get; init; }

    public required int FeltSafe { get; init; }

    /// <summary>IDs of the person's boundaries that held.</summary>
    public IReadOnlyList<string> BoundariesHeld { get => field ?? []; init; }

    /// <summary>How many boundaries were listed that week, so "2 of 3 held" stays true later.</summary>
    public int BoundariesListed { get; init; }

    /// <summary>IDs of the commitments kept.</summary>
    public IReadOnlyList<string> CommitmentsKept { get => field ?? []; init; }

    /// <summary>How many active commitments were listed that week.</summary>
    public int CommitmentsListed { get; init; }

    public string? Nourished { get; init; }

    /// <summary>A point of <see cref="CheckInQuestions.ReachedSupport"/>, or null when left out.</summary>
    public int? ReachedSupport { get; init; }

    public string? Note { get; init; }

    /// <summary>The five WHO-5 items (0–5 each), or null when it was not taken this week.</summary>
    public IReadOnlyList<int>? Who5 { get; init; }

    /// <summary>Wording version by question ID (and <c>who5</c>), as asked.</summary>
    public IReadOnlyDictionary<string, int> Versions { get => field ?? new Dictionary<string, int>(); init; }

    public int? Who5Percent => Who5 is { } items ? Who5Score.Percent(items) : null;
}

/// <summary>Something wrong with a check-in, with a kind sentence to show beside the field.</summary>
public sealed record CheckInProblem(string Field, string Message);

/// <summary>Checks a check-in before anything is saved; a problem means nothing is written.</summary>
public static class CheckInValidator
{
    public static IReadOnlyList<CheckInProblem> Validate(
        CheckInAnswers answers,
        CheckInQuestions questions,
        IReadOnlySet<string> commitmentIds,
        IReadOnlySet<string> boundaryIds,
        WeekTiming timing)
    {
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(questions);
        ArgumentNullException.ThrowIfNull(commitmentIds);
        ArgumentNullException.ThrowIfNull(boundaryIds);
        var problems = new List<CheckInProblem>();
        if (timing == WeekTiming.Future)
        {
            problems.Add(new("week", questions.Message("problem.future")));
        }
        if (!OnScale(answers.WeekFelt, questions[CheckInQuestions.WeekFelt]))
        {
            problems.Add(new(CheckInQuestions.WeekFelt, questions.Message("problem.scale")));
        }
        if (!OnScale(answers.FeltSafe, questions[CheckInQuestions.FeltSafe]))
        {
            problems.Add(new(CheckInQuestions.FeltSafe, questions.Message("problem.scale")));
        }
        if (answers.ReachedSupport is { } reached && !OnScale(reached, questions[CheckInQuestions.ReachedSupport]))
        {
            problems.Add(new(CheckInQuestions.ReachedSupport, questions.Message("problem.scale")));
        }
        if (answers.CommitmentsKept.Any(id => !commitmentIds.Contains(id)) || answers.CommitmentsKept.Distinct(StringComparer.Ordinal).Count() != answers.CommitmentsKept.Count)
        {
            problems.Add(new(CheckInQuestions.CommitmentsKept, questions.Message("problem.commitment")));
        }
        if (answers.BoundariesHeld.Any(id => !boundaryIds.Contains(id)) || answers.BoundariesHeld.Distinct(StringComparer.Ordinal).Count() != answers.BoundariesHeld.Count)
        {
            problems.Add(new(CheckInQuestions.BoundariesHeld, questions.Message("problem.commitment")));
        }
        if (answers.Note is { Length: var noteLength } && noteLength > questions.NoteMaxLength)
        {
            problems.Add(new(CheckInQuestions.Note, questions.Message("problem.note_long", questions.NoteMaxLength)));
        }
        if (answers.Nourished is { Length: var nourishedLength } && nourishedLength > questions.NourishedMaxLength)
        {
            problems.Add(new(CheckInQuestions.Nourished, questions.Message("problem.nourished_long", questions.NourishedMaxLength)));
        }
        if (answers.Who5 is { } who5 && !Who5Score.IsValid(who5))
        {
            problems.Add(new(questions.Who5.Id, questions.Message("problem.who5")));
        }
        return problems;
    }

    private static bool OnScale(int value, CheckInQuestion question) =>
        question.Current.Points.Any(p => p.Value == value);
}
