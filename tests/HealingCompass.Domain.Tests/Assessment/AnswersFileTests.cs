using System.Text;
using FsCheck.Xunit;
using HealingCompass.Domain.Assessment;
using HealingCompass.Domain.Content;
using HealingCompass.Domain.Tests.Support;

namespace HealingCompass.Domain.Tests.Assessment;

public sealed class AnswersFileTests
{
    private static string FileWith(string answersJson, string version = "1.0.0", string format = AnswersFile.FormatName) =>
        $$"""{ "format": "{{format}}", "formatVersion": 1, "contentVersion": "{{version}}", "answers": {{answersJson}} }""";

    private static string AllSafetyNo() =>
        string.Join(", ", ContentCatalog.Default.Questions.Where(q => q.IsSafetyItem).Select(q => $"\"{q.Id}\": \"no\""));

    [Property(MaxTest = 100)]
    public void Writing_then_reading_gives_back_the_same_answers(int seed)
    {
        var original = RandomAnswers.From(seed);
        var read = AnswersFile.Read(AnswersFile.Write(original));
        Assert.NotNull(read.Answers);
        Assert.Equal(original.Answered.Select(a => (a.Question.Id, a.Value.ToString())), read.Answers.Answered.Select(a => (a.Question.Id, a.Value.ToString())));
        Assert.Equal(AnswersFile.Write(original), AnswersFile.Write(read.Answers));
    }

    [Fact]
    public void A_complete_file_is_read_with_no_problems()
    {
        var answers = new AnswerBuilder().Context("relationship.friend", "status.in_contact", "want.unsure").AllSafety("no").AllFactors(0.5).Build();
        var read = AnswersFile.Read(AnswersFile.Write(answers));
        Assert.True(read.IsComplete);
        Assert.Equal(answers.Count, read.Answers!.Count);
    }

    [Fact]
    public void The_written_file_names_its_format_and_content_version()
    {
        var json = AnswersFile.Write(new AnswerBuilder().AllSafety("no").Build());
        Assert.Contains("\"format\": \"healingcompass.answers\"", json, StringComparison.Ordinal);
        Assert.Contains($"\"contentVersion\": \"{ContentCatalog.Default.ContentVersion}\"", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n ")]
    [InlineData("{}")]
    [InlineData("""{ "format": "healingcompass.answers", "formatVersion": 1, "contentVersion": "1.0.0", "answers": {} }""")]
    public void An_empty_submission_gets_a_kind_message_not_an_error(string json)
    {
        var read = AnswersFile.Read(json);
        var problem = Assert.Single(read.Problems);
        Assert.Equal(AnswerProblemKind.Empty, problem.Kind);
        Assert.Contains("ready", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json at all", AnswerProblemKind.NotJson)]
    [InlineData("{ \"format\": ", AnswerProblemKind.NotJson)]
    [InlineData("[1, 2, 3]", AnswerProblemKind.WrongFormat)]
    [InlineData("""{ "format": "something.else", "formatVersion": 1, "answers": {} }""", AnswerProblemKind.WrongFormat)]
    [InlineData("""{ "format": "healingcompass.answers", "formatVersion": 7, "contentVersion": "1.0.0", "answers": {} }""", AnswerProblemKind.WrongFormat)]
    [InlineData("""{ "format": "healingcompass.answers", "formatVersion": 1, "contentVersion": "2.0.0", "answers": { "context.relationship": "relationship.friend" } }""", AnswerProblemKind.WrongVersion)]
    [InlineData("""{ "format": "healingcompass.answers", "formatVersion": 1, "answers": { "context.relationship": "relationship.friend" } }""", AnswerProblemKind.WrongVersion)]
    public void A_file_that_cannot_be_read_says_why_and_changes_nothing(string json, AnswerProblemKind expected)
    {
        var read = AnswersFile.Read(json);
        Assert.Null(read.Answers);
        var problem = Assert.Single(read.Problems);
        Assert.Equal(expected, problem.Kind);
        Assert.False(string.IsNullOrWhiteSpace(problem.Message));
    }

    [Fact]
    public void A_file_from_another_edition_of_the_questions_names_both_editions()
    {
        var read = AnswersFile.Read(FileWith("""{ "context.relationship": "relationship.friend" }""", version: "2.3.0"));
        var message = Assert.Single(read.Problems).Message;
        Assert.Contains("2.3.0", message, StringComparison.Ordinal);
        Assert.Contains(ContentCatalog.Default.ContentVersion, message, StringComparison.Ordinal);
        Assert.Contains("Nothing was changed", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_bad_answer_is_listed_and_every_good_answer_is_kept()
    {
        var json = FileWith($$"""
            {
              {{AllSafetyNo()}},
              "context.relationship": "relationship.sibling",
              "factor.safety.feel_safe": 9,
              "factor.safety.disagree_freely": 3,
              "context.status": "status.on_the_moon",
              "no.such.question": 1,
              "context.wants": 4,
              "patterns.ongoing": ["pattern.isolation", "pattern.isolation"],
              "reflection.notes": "{{new string('a', 2001)}}"
            }
            """);
        var read = AnswersFile.Read(json);

        Assert.NotNull(read.Answers);
        Assert.Equal("relationship.sibling", read.Answers["context.relationship"]!.Value.Text);
        Assert.Equal(3, read.Answers["factor.safety.disagree_freely"]!.Value.Number);
        Assert.Null(read.Answers["factor.safety.feel_safe"]);
        Assert.Equivalent(
            new[]
            {
                (AnswerProblemKind.OutOfRange, "factor.safety.feel_safe"),
                (AnswerProblemKind.UnknownOption, "context.status"),
                (AnswerProblemKind.UnknownQuestion, "no.such.question"),
                (AnswerProblemKind.WrongType, "context.wants"),
                (AnswerProblemKind.DuplicateOption, "patterns.ongoing"),
                (AnswerProblemKind.TooLong, "reflection.notes"),
            },
            read.Problems.Select(p => (p.Kind, p.QuestionId!)));
        Assert.All(read.Problems, p => Assert.Contains(p.QuestionId!, p.Message, StringComparison.Ordinal));
        Assert.NotNull(read.PartialNote);
    }

    [Fact]
    public void Missing_safety_answers_are_listed_by_question()
    {
        var read = AnswersFile.Read(FileWith("""{ "context.relationship": "relationship.parent", "safety.choking": "no" }"""));
        var missing = read.Problems.Where(p => p.Kind == AnswerProblemKind.MissingSafety).Select(p => p.QuestionId).ToArray();
        Assert.Equal(ContentCatalog.Default.Questions.Count(q => q.IsSafetyItem) - 1, missing.Length);
        Assert.DoesNotContain("safety.choking", missing);
        Assert.Contains("safety.fear_now", missing);
        Assert.Equal(2, read.Answers!.Count);
    }

    [Fact]
    public void A_safety_only_submission_is_read_whole_and_scored_kindly()
    {
        var read = AnswersFile.Read(FileWith("{ " + AllSafetyNo() + " }"));
        Assert.True(read.IsComplete);

        var result = AssessmentScorer.Score(read.Answers!);
        Assert.Equal(SafetyLevel.None, result.Safety.Level);
        Assert.Equal(RepairabilityBand.Unknown, result.Repairability.Band);
        Assert.All(result.Factors, f => Assert.Null(f.Score));
        Assert.Contains(result.Tracks, t => t.Track.Id == "track.personal_healing");
    }

    [Fact]
    public void The_documented_example_file_reads_as_documented()
    {
        var doc = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "answers-format.md"));
        var start = doc.IndexOf("```json", StringComparison.Ordinal) + "```json".Length;
        var example = doc[start..doc.IndexOf("```", start, StringComparison.Ordinal)];

        var read = AnswersFile.Read(example);

        Assert.NotNull(read.Answers);
        Assert.Equal(7, read.Answers.Count);
        Assert.All(read.Problems, p => Assert.Equal(AnswerProblemKind.MissingSafety, p.Kind)); // the example shows only two safety answers
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "HealingCompass.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new DirectoryNotFoundException("HealingCompass.sln not found above the test output.");
    }

    [Fact]
    public void A_huge_upload_is_refused_before_parsing()
    {
        var bytes = Encoding.UTF8.GetBytes(FileWith("{ \"reflection.notes\": \"" + new string('a', AnswersFile.MaxBytes) + "\" }"));
        var read = AnswersFile.Read(bytes);
        Assert.Equal(AnswerProblemKind.TooLarge, Assert.Single(read.Problems).Kind);
    }

    [Property(MaxTest = 300)]
    public void Reading_never_throws_whatever_it_is_given(string? text)
    {
        var read = AnswersFile.Read(text);
        Assert.True(read.Answers is not null || read.Problems.Count > 0);
    }

    [Property(MaxTest = 200)]
    public void Reading_a_damaged_file_never_throws(int seed, int cut, char junk)
    {
        var json = AnswersFile.Write(RandomAnswers.From(seed));
        var at = Math.Abs(cut % json.Length);
        var damaged = json[..at] + junk + json[(at + 1)..];
        var read = AnswersFile.Read(damaged);
        Assert.True(read.Answers is not null || read.Problems.Count > 0);
    }
}
