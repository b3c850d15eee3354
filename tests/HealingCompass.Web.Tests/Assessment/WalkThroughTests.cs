using System.Text.Json.Nodes;
using HealingCompass.Domain.Content;
using HealingCompass.Web.Assessment;

namespace HealingCompass.Web.Tests.Assessment;

public sealed class WalkThroughTests
{
    private static readonly WalkThrough Shipped = new(ContentCatalog.Default);

    [Fact]
    public void The_first_screen_asks_who_the_relationship_is_with()
    {
        Assert.Equal("section.who", Shipped[0].Section.Id);
        Assert.False(Shipped[0].IsSafetyCheck);
    }

    [Fact]
    public void The_safety_check_comes_straight_after_the_who_screen()
    {
        Assert.True(Shipped[1].IsSafetyCheck);
        Assert.Equal(WalkThrough.SafetySectionId, Shipped[1].Section.Id);
        Assert.Equal(1, Shipped[1].Part);
    }

    [Fact]
    public void The_walk_through_goes_on_after_the_last_safety_screen()
    {
        var after = Shipped.FirstScreenAfterSafety;

        Assert.True(Shipped[after - 1].IsSafetyCheck);
        Assert.False(Shipped[after].IsSafetyCheck);
        Assert.All(Shipped.Screens.Skip(after), s => Assert.False(s.IsSafetyCheck));
    }

    [Fact]
    public void No_screen_has_more_questions_than_fit_on_a_phone()
    {
        Assert.All(Shipped.Screens, s =>
        {
            Assert.NotEmpty(s.Questions);
            Assert.InRange(s.Questions.Count, 1, WalkThrough.MaxQuestionsPerScreen);
        });
    }

    [Fact]
    public void Every_question_appears_exactly_once_in_content_order()
    {
        var shown = Shipped.Screens.SelectMany(s => s.Questions).Select(q => q.Id).ToList();

        Assert.Equal(ContentCatalog.Default.Questions.Select(q => q.Id), shown);
    }

    [Fact]
    public void Screens_are_numbered_in_order_and_keep_their_sections_together()
    {
        Assert.Equal(Enumerable.Range(0, Shipped.Count), Shipped.Screens.Select(s => s.Index));
        Assert.Equal(
            ContentCatalog.Default.Sections.Select(s => s.Id),
            Shipped.Screens.Select(s => s.Section.Id).Distinct());
        Assert.All(Shipped.Screens, s => Assert.All(s.Questions, q => Assert.Same(s.Section, q.Section)));
    }

    [Fact]
    public void The_safety_questions_are_split_evenly_into_screens_of_at_most_six_with_part_titles()
    {
        var safety = Shipped.Screens.Where(s => s.IsSafetyCheck).ToList();
        var total = ContentCatalog.Default.Questions.Count(q => q.IsSafetyItem);

        Assert.Equal(total, safety.Sum(s => s.Questions.Count));
        Assert.All(safety, s => Assert.InRange(s.Questions.Count, total / safety.Count, WalkThrough.MaxQuestionsPerScreen));
        Assert.Equal(Enumerable.Range(1, safety.Count), safety.Select(s => s.Part));
        Assert.All(safety, s => Assert.Equal(safety.Count, s.Parts));
        Assert.All(safety, s => Assert.Equal($"{s.Section.Title} ({s.Part} of {safety.Count})", s.Title));
    }

    [Fact]
    public void A_section_that_fits_on_one_screen_keeps_its_own_title()
    {
        Assert.Equal(Shipped[0].Section.Title, Shipped[0].Title);
        Assert.Equal(1, Shipped[0].Parts);
    }

    [Fact]
    public void An_index_past_either_end_gives_the_nearest_screen()
    {
        Assert.Same(Shipped.Screens[0], Shipped[-1]);
        Assert.Same(Shipped.Screens[^1], Shipped[Shipped.Count + 3]);
    }

    [Theory]
    [InlineData(7)]
    [InlineData(12)]
    [InlineData(13)]
    [InlineData(19)]
    [InlineData(26)]
    [InlineData(31)]
    public void A_long_section_is_split_evenly_with_no_lonely_last_screen(int questionCount)
    {
        var walkThrough = new WalkThrough(CatalogWithLongSection(questionCount));
        var sizes = walkThrough.Screens.Where(s => s.Section.Id == LongSectionId).Select(s => s.Questions.Count).ToList();

        var expectedParts = (questionCount + WalkThrough.MaxQuestionsPerScreen - 1) / WalkThrough.MaxQuestionsPerScreen;
        Assert.Equal(expectedParts, sizes.Count);
        Assert.Equal(questionCount, sizes.Sum());
        Assert.All(sizes, n => Assert.InRange(n, 1, WalkThrough.MaxQuestionsPerScreen));
        // Even: no two parts of one section differ by more than one question (31 → 6 + 5 + 5 + 5 + 5 + 5).
        Assert.True(sizes.Max() - sizes.Min() <= 1, $"{questionCount} questions were split as {string.Join(" + ", sizes)}.");
    }

    private const string LongSectionId = "section.reflection";

    /// <summary>The shipped content with the reflection section grown to <paramref name="questionCount"/> questions.</summary>
    private static ContentCatalog CatalogWithLongSection(int questionCount)
    {
        var questions = JsonNode.Parse(ReadEmbedded("questions.json"))!;
        var section = questions["sections"]!.AsArray().Single(s => (string?)s!["id"] == LongSectionId)!;
        var list = section["questions"]!.AsArray();
        for (var i = list.Count; i < questionCount; i++)
        {
            list.Add(new JsonObject
            {
                ["id"] = $"reflection.extra_{i}",
                ["kind"] = "text",
                ["text"] = $"Something more to note ({i})?",
                ["maxLength"] = 200,
            });
        }

        while (list.Count > questionCount)
        {
            list.RemoveAt(list.Count - 1);
        }

        using var q = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(questions.ToJsonString()));
        using var p = new MemoryStream(ReadEmbedded("plans.json"));
        using var m = new MemoryStream(ReadEmbedded("messages.json"));
        return ContentCatalog.Load(q, p, m);
    }

    private static byte[] ReadEmbedded(string name)
    {
        using var stream = typeof(ContentCatalog).Assembly.GetManifestResourceStream("HealingCompass.Content." + name)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
