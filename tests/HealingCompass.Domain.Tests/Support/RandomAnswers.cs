using HealingCompass.Domain.Assessment;
using HealingCompass.Domain.Content;

namespace HealingCompass.Domain.Tests.Support;

/// <summary>
/// Any valid set of answers, drawn from a seed: each question is left unanswered or given a random value
/// that fits it. FsCheck supplies the seeds, so a failing case is reproducible from the seed it prints.
/// </summary>
internal static class RandomAnswers
{
    public static AnswerSet From(int seed)
    {
        var random = new Random(seed);
        var answers = new AnswerSet(ContentCatalog.Default);
        foreach (var q in ContentCatalog.Default.Questions)
        {
            if (random.Next(4) == 0)
            {
                continue; // about a quarter left unanswered
            }

            answers.Set(q.Id, q.Kind switch
            {
                QuestionKind.Scale => AnswerValue.Scale(q.Scale!.Points[random.Next(q.Scale.Points.Count)].Value),
                QuestionKind.Choice => AnswerValue.Choice(q.Options[random.Next(q.Options.Count)].Id),
                QuestionKind.Multi => AnswerValue.Multi([.. q.Options.Where(_ => random.Next(3) == 0).Select(o => o.Id)]),
                _ => AnswerValue.FreeText(new string('x', random.Next(1, 40))),
            });
        }

        return answers;
    }
}
