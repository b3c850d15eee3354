using BenchmarkDotNet.Attributes;
using HealingCompass.Domain.Assessment;
using HealingCompass.Domain.Content;
using HealingCompass.Domain.Plans;

namespace HealingCompass.Benchmarks;

/// <summary>
/// One assessment, scored and turned into a plan, against reading the same answers from their JSON file
/// (the baseline: work every saved assessment does anyway). Budget: score + plan ≤ 20 µs and ≤ 16 KB.
/// </summary>
[MemoryDiagnoser]
public class AssessmentBenchmarks
{
    // Every track chosen: the largest plan a person can build.
    private static readonly IReadOnlyList<string> Chosen = TrackIds.All;
    private AnswerSet answers = null!;
    private AssessmentResult result = null!;
    private string json = null!;

    [GlobalSetup]
    public void Setup()
    {
        answers = FullAssessment.Create();
        result = AssessmentScorer.Score(answers);
        json = AnswersFile.Write(answers);
    }

    [Benchmark(Baseline = true, Description = "Read answers file (JSON)")]
    public AnswersReadResult ReadAnswers() => AnswersFile.Read(json);

    [Benchmark(Description = "Score")]
    public AssessmentResult Score() => AssessmentScorer.Score(answers);

    [Benchmark(Description = "Build plan")]
    public Plan BuildPlan() => PlanBuilder.Build(result, Chosen);

    [Benchmark(Description = "Score + build plan")]
    public Plan ScoreAndPlan() => PlanBuilder.Build(AssessmentScorer.Score(answers), Chosen);
}

/// <summary>Parsing and validating all content: done once per process, measured to know its cost at start-up.</summary>
[MemoryDiagnoser]
public class ContentLoadBenchmarks
{
    private byte[] questions = null!;
    private byte[] plans = null!;
    private byte[] messages = null!;

    [GlobalSetup]
    public void Setup()
    {
        questions = Read("questions.json");
        plans = Read("plans.json");
        messages = Read("messages.json");
    }

    [Benchmark(Baseline = true, Description = "Score + build plan (one assessment)")]
    public Plan ScoreAndPlan() => PlanBuilder.Build(AssessmentScorer.Score(FullAssessment.Shared), TrackIds.All);

    [Benchmark(Description = "Load and validate all content")]
    public ContentCatalog Load() =>
        ContentCatalog.Load(new MemoryStream(questions), new MemoryStream(plans), new MemoryStream(messages));

    private static byte[] Read(string name)
    {
        using var stream = typeof(ContentCatalog).Assembly.GetManifestResourceStream("HealingCompass.Content." + name)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}

/// <summary>A fully answered, realistic assessment: every question the walk-through asks.</summary>
internal static class FullAssessment
{
    public static AnswerSet Shared { get; } = Create();

    public static AnswerSet Create()
    {
        var catalog = ContentCatalog.Default;
        var answers = new AnswerSet(catalog);
        foreach (var q in catalog.Questions)
        {
            answers.Set(q.Id, q.Kind switch
            {
                QuestionKind.Scale => AnswerValue.Scale(q.Scale!.Points[q.Ordinal % q.Scale.Points.Count].Value),
                QuestionKind.Choice when q.IsSafetyItem => AnswerValue.Choice(q.Id == "safety.control" ? SafetyOptions.Yes : SafetyOptions.No),
                QuestionKind.Choice => AnswerValue.Choice(q.Options[0].Id),
                QuestionKind.Multi => AnswerValue.Multi([.. q.Options.Where((_, i) => i % 2 == 0).Select(o => o.Id)]),
                _ => AnswerValue.FreeText("A few words the person wrote for themself."),
            });
        }

        return answers;
    }
}
