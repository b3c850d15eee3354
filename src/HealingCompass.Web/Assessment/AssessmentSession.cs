using HealingCompass.Domain.Assessment;
using HealingCompass.Domain.Content;
using HealingCompass.Domain.Plans;

namespace HealingCompass.Web.Assessment;

/// <summary>
/// One visit's assessment, held in server memory for the life of the circuit: nothing here is written
/// to the server's disk or logged. It survives a dropped connection because the circuit does, and a
/// reload or a server restart because <see cref="VisitKeeper"/> keeps an encrypted copy in this browser
/// tab (ADR 5).
/// </summary>
public sealed class AssessmentSession(ContentCatalog catalog, WalkThrough walkThrough)
{
    private AssessmentResult? result;
    private List<string>? chosenTracks;

    public WalkThrough WalkThrough { get; } = walkThrough;

    public AnswerSet Answers { get; private set; } = new(catalog);

    public int ScreenIndex { get; private set; }

    public WalkThroughScreen CurrentScreen => WalkThrough[ScreenIndex];

    public bool IsFirstScreen => ScreenIndex == 0;

    public bool IsLastScreen => ScreenIndex >= WalkThrough.Count - 1;

    /// <summary>Percentage of screens reached, for the progress bar.</summary>
    public int ProgressPercent => (int)Math.Round(100.0 * (ScreenIndex + 1) / WalkThrough.Count);

    /// <summary>True once the person reached the end of the walk-through or loaded an answers file.</summary>
    public bool IsFinished { get; private set; }

    /// <summary>The safety level the person has already seen the safety card for; it shows again only if the level rises.</summary>
    public SafetyLevel AcknowledgedSafetyLevel { get; private set; }

    /// <summary>Raised after any change, so every component showing this session can refresh.</summary>
    public event Action? Changed;

    /// <summary>The scored result for the current answers (cached until the answers change).</summary>
    public AssessmentResult Result => result ??= AssessmentScorer.Score(Answers);

    public bool ShowSafetyCard => Result.Safety.IsDanger && Result.Safety.Level > AcknowledgedSafetyLevel;

    /// <summary>The tracks the person chose; until they choose, the advisor's suggestion.</summary>
    public IReadOnlyList<string> ChosenTracks => chosenTracks ??= [.. TrackAdvisor.DefaultChoice(Result)];

    public bool HasChosenTracks => chosenTracks is not null;

    /// <summary>Sets one answer. Returns a kind message and changes nothing when the value is not valid.</summary>
    public AnswerProblem? SetAnswer(string questionId, AnswerValue value)
    {
        var problem = Answers.TrySet(questionId, value);
        if (problem is null)
        {
            AnswersChanged();
        }
        return problem;
    }

    public void ClearAnswer(string questionId)
    {
        Answers.Clear(questionId);
        AnswersChanged();
    }

    public void Next() => GoTo(ScreenIndex + 1);

    public void Back() => GoTo(ScreenIndex - 1);

    public void GoTo(int index)
    {
        ScreenIndex = Math.Clamp(index, 0, WalkThrough.Count - 1);
        Notify();
    }

    public void Finish()
    {
        IsFinished = true;
        Notify();
    }

    public void AcknowledgeSafetyCard()
    {
        AcknowledgedSafetyLevel = Result.Safety.Level;
        Notify();
    }

    public void ChooseTracks(IEnumerable<string> trackIds)
    {
        chosenTracks = [.. trackIds.Distinct(StringComparer.Ordinal)];
        Notify();
    }

    public Plan BuildPlan() => PlanBuilder.Build(Result, ChosenTracks);

    /// <summary>Replaces every answer with those read from a file, and goes to the results.</summary>
    public void Load(AnswerSet answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        Answers = answers;
        ScreenIndex = 0;
        IsFinished = true;
        AnswersChanged();
    }

    /// <summary>Brings back a saved draft and moves to the first screen with something left to answer.</summary>
    public void Resume(AnswerSet answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        Answers = answers;
        var next = WalkThrough.Screens.FirstOrDefault(s => s.Questions.Any(q => answers[q.Id] is null));
        ScreenIndex = next?.Index ?? WalkThrough.Count - 1;
        AnswersChanged();
    }

    /// <summary>Forgets everything entered in this visit.</summary>
    public void Reset()
    {
        Answers = new AnswerSet(Answers.Catalog);
        ScreenIndex = 0;
        IsFinished = false;
        AcknowledgedSafetyLevel = SafetyLevel.None;
        AnswersChanged();
    }

    public string ExportAnswers() => AnswersFile.Write(Answers);

    /// <summary>True when nothing in this visit is worth keeping: no answer and not at the results.</summary>
    public bool IsBlank => Answers.IsEmpty && !IsFinished && ScreenIndex == 0;

    /// <summary>Everything needed to bring this visit back as it is now.</summary>
    public VisitSnapshot TakeSnapshot() =>
        new(AnswersFile.Write(Answers), ScreenIndex, IsFinished, AcknowledgedSafetyLevel, chosenTracks?.ToArray());

    /// <summary>
    /// Brings a visit back from a snapshot, exactly where it was: same screen, same choices, and a safety
    /// card already seen is not shown again. Returns false and changes nothing when the snapshot does not read.
    /// </summary>
    public bool Restore(VisitSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var read = AnswersFile.Read(snapshot.Answers, Answers.Catalog);
        if (read.Answers is null)
        {
            return false;
        }
        Answers = read.Answers;
        ScreenIndex = Math.Clamp(snapshot.ScreenIndex, 0, WalkThrough.Count - 1);
        IsFinished = snapshot.IsFinished;
        AcknowledgedSafetyLevel = Enum.IsDefined(snapshot.AcknowledgedSafetyLevel) ? snapshot.AcknowledgedSafetyLevel : SafetyLevel.None;
        result = null;
        chosenTracks = snapshot.ChosenTracks is null ? null : [.. snapshot.ChosenTracks.Distinct(StringComparer.Ordinal)];
        Notify();
        return true;
    }

    private void AnswersChanged()
    {
        result = null;
        // A choice made against different answers may no longer fit them: offer the advice afresh.
        chosenTracks = null;
        Notify();
    }

    private void Notify() => Changed?.Invoke();
}

/// <summary>A visit as it stands: the answers in the answers-file format, where the person is, what they chose.</summary>
public sealed record VisitSnapshot(string Answers, int ScreenIndex, bool IsFinished, SafetyLevel AcknowledgedSafetyLevel, string[]? ChosenTracks);
