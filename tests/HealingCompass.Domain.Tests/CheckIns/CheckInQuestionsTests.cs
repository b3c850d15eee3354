using System.Text;
using System.Text.Json.Nodes;
using HealingCompass.Domain.CheckIns;
using HealingCompass.Domain.Content;

namespace HealingCompass.Domain.Tests.CheckIns;

public sealed class CheckInQuestionsTests
{
    private static readonly CheckInQuestions Questions = CheckInQuestions.Default;

    [Fact]
    public void Every_question_the_app_asks_is_defined_and_every_point_of_every_scale_has_its_own_label()
    {
        foreach (var id in CheckInQuestions.All)
        {
            var q = Questions[id];
            Assert.All(q.Wordings, w => Assert.All(w.Points, p => Assert.False(string.IsNullOrWhiteSpace(p.Label))));
        }
        Assert.Equal([1, 2, 3, 4, 5], Questions[CheckInQuestions.FeltSafe].Current.Points.Select(p => p.Value).Order());
        Assert.Equal("Not safe", Questions[CheckInQuestions.FeltSafe].Current.Points.Single(p => p.Value == 1).Label);
    }

    [Fact]
    public void The_who5_is_in_its_official_wording_with_six_labelled_points()
    {
        var who5 = Questions.Who5;
        Assert.Equal("Over the last two weeks", who5.Lead);
        Assert.Equal(
            ["I have felt cheerful and in good spirits", "I have felt calm and relaxed", "I have felt active and vigorous",
             "I woke up feeling fresh and rested", "My daily life has been filled with things that interest me"],
            who5.Items.Select(i => i.Text));
        Assert.Equal("All of the time", who5.Points.Single(p => p.Value == 5).Label);
        Assert.Equal("At no time", who5.Points.Single(p => p.Value == 0).Label);
    }

    [Fact]
    public void An_answer_keeps_reading_in_the_wording_it_was_given_against_after_the_question_changes()
    {
        var changed = LoadChanged(CheckInQuestions.Nourished, wordings =>
            wordings.Add(new JsonObject { ["version"] = 2, ["text"] = "Something that helped you this week" }));

        Assert.Equal(2, changed[CheckInQuestions.Nourished].Current.Version);
        Assert.Equal("One thing that did you good this week (optional)", changed.Wording(CheckInQuestions.Nourished, 1).Text);
        Assert.Equal("Something that helped you this week", changed.Wording(CheckInQuestions.Nourished, 2).Text);
        Assert.Equal(2, changed.CurrentVersions()[CheckInQuestions.Nourished]);
    }

    [Fact]
    public void Wording_versions_out_of_order_are_refused_at_load()
    {
        var ex = Assert.Throws<ContentLoadException>(() => LoadChanged(CheckInQuestions.Note, wordings => wordings[0]!["version"] = 3));
        Assert.Contains("checkin.note", ex.Message, StringComparison.Ordinal);
    }

    private static CheckInQuestions LoadChanged(string questionId, Action<JsonArray> change)
    {
        var root = JsonNode.Parse(ReadEmbedded())!;
        var question = root["questions"]!.AsArray().Single(q => (string?)q!["id"] == questionId)!;
        change(question["wordings"]!.AsArray());
        return CheckInQuestions.Load(new MemoryStream(Encoding.UTF8.GetBytes(root.ToJsonString())));
    }

    private static byte[] ReadEmbedded()
    {
        using var stream = typeof(CheckInQuestions).Assembly.GetManifestResourceStream("HealingCompass.Content.checkins.json")!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
