using Bunit;
using HealingCompass.Web.Components.Assessment;
using HealingCompass.Web.Tests.Support;

namespace HealingCompass.Web.Tests.Assessment;

public sealed class WalkThroughPageTests : ComponentTestBase
{
    private int ScreenCount => Session.WalkThrough.Count;

    private static string Progress(IRenderedComponent<WalkThroughPage> cut) => cut.Find("#hc-progress-label").Text();

    [Fact]
    public void The_first_screen_shows_step_one_and_its_questions()
    {
        var cut = Render<WalkThroughPage>();

        Assert.StartsWith($"Step 1 of {ScreenCount}:", Progress(cut), StringComparison.Ordinal);
        Assert.Equal(Session.WalkThrough[0].Title, cut.Find("#hc-screen-title").Text());
        Assert.Equal(
            Session.WalkThrough[0].Questions.Select(q => q.Definition.Text),
            cut.FindAll("fieldset.hc-question legend").Select(l => l.Text()));
        Assert.Contains("Every question can be skipped", cut.PageText(), StringComparison.Ordinal);
    }

    [Fact]
    public void Back_is_disabled_on_the_first_screen()
    {
        var cut = Render<WalkThroughPage>();

        Assert.True(cut.Button("Back").HasAttribute("disabled"));
        Assert.True(cut.HasButton("Next"));
        Assert.False(cut.HasButton("See my results"));
    }

    [Fact]
    public void Next_goes_to_the_safety_check_and_the_progress_follows()
    {
        var cut = Render<WalkThroughPage>();

        cut.Button("Next").Click();

        Assert.Equal(1, Session.ScreenIndex);
        Assert.StartsWith($"Step 2 of {ScreenCount}: {Session.WalkThrough[1].Title}", Progress(cut), StringComparison.Ordinal);
        Assert.Equal(Session.WalkThrough[1].Title, cut.Find("#hc-screen-title").Text());
        Assert.Equal(Session.WalkThrough[1].Questions.Count, cut.FindAll("fieldset.hc-question").Count);
        Assert.False(cut.Button("Back").HasAttribute("disabled"));
    }

    [Fact]
    public void Back_returns_to_the_screen_before()
    {
        var cut = Render<WalkThroughPage>();
        cut.Button("Next").Click();
        cut.Button("Next").Click();
        Assert.StartsWith($"Step 3 of {ScreenCount}:", Progress(cut), StringComparison.Ordinal);

        cut.Button("Back").Click();

        Assert.StartsWith($"Step 2 of {ScreenCount}:", Progress(cut), StringComparison.Ordinal);
        Assert.Equal(1, Session.ScreenIndex);
    }

    [Fact]
    public void The_progress_bar_reflects_how_far_the_person_has_come()
    {
        Session.GoTo(ScreenCount - 1);

        var cut = Render<WalkThroughPage>();

        var bar = cut.Find("[role=progressbar]");
        Assert.Equal("100", bar.GetAttribute("aria-valuenow"));
    }

    [Fact]
    public void The_last_screen_offers_to_see_the_results_instead_of_next()
    {
        Session.GoTo(ScreenCount - 1);

        var cut = Render<WalkThroughPage>();

        Assert.StartsWith($"Step {ScreenCount} of {ScreenCount}:", Progress(cut), StringComparison.Ordinal);
        Assert.True(cut.HasButton("See my results"));
        Assert.False(cut.HasButton("Next"));
    }

    [Fact]
    public void See_my_results_finishes_and_goes_to_the_results_replacing_history()
    {
        Session.GoTo(ScreenCount - 1);
        var cut = Render<WalkThroughPage>();

        cut.Button("See my results").Click();

        Assert.Equal("/results", CurrentPath);
        Assert.True(Navigation.History.First().Options.ReplaceHistoryEntry);
        Assert.True(Session.IsFinished);
    }

    [Fact]
    public void An_answer_is_still_ticked_after_going_next_and_back()
    {
        var cut = Render<WalkThroughPage>();
        cut.Find("input[type=radio][value='relationship.parent']").Change("relationship.parent");

        cut.Button("Next").Click();
        Assert.Empty(cut.FindAll("input[value='relationship.parent']"));
        cut.Button("Back").Click();

        Assert.True(cut.Find("input[type=radio][value='relationship.parent']").HasAttribute("checked"));
        Assert.False(cut.Find("input[type=radio][value='relationship.friend']").HasAttribute("checked"));
        Assert.Equal("relationship.parent", Session.Answers["context.relationship"]?.Text);
    }

    [Fact]
    public void An_answer_can_be_cleared_from_its_question()
    {
        var cut = Render<WalkThroughPage>();
        cut.Find("input[type=radio][value='relationship.sibling']").Change("relationship.sibling");

        cut.Find("button.hc-clear").Click();

        Assert.Null(Session.Answers["context.relationship"]);
        Assert.All(cut.FindAll("input[type=radio]"), r => Assert.False(r.HasAttribute("checked")));
        Assert.Empty(cut.FindAll("button.hc-clear"));
    }

    [Fact]
    public void Ticking_several_patterns_keeps_each_of_them()
    {
        var screen = Session.WalkThrough.Screens.First(s => s.Questions.Any(q => q.Id == "patterns.ongoing"));
        Session.GoTo(screen.Index);
        var cut = Render<WalkThroughPage>();

        cut.Find("input[type=checkbox][value='pattern.gaslighting']").Change(true);
        cut.Find("input[type=checkbox][value='pattern.contempt']").Change(true);

        Assert.Equal(["pattern.gaslighting", "pattern.contempt"], Session.Answers["patterns.ongoing"]?.Options);
        Assert.True(cut.Find("input[type=checkbox][value='pattern.gaslighting']").HasAttribute("checked"));
        Assert.True(cut.Find("input[type=checkbox][value='pattern.contempt']").HasAttribute("checked"));
    }

    [Fact]
    public void A_note_that_is_too_long_gets_a_kind_message_and_the_earlier_note_is_kept()
    {
        var question = Answers.Catalog.GetQuestion("reflection.notes");
        var screen = Session.WalkThrough.Screens.First(s => s.Questions.Contains(question));
        Session.GoTo(screen.Index);
        var cut = Render<WalkThroughPage>();
        var box = "#q-reflection-notes-text";
        cut.Find(box).Change("A short note.");

        cut.Find(box).Change(new string('x', question.Definition.MaxLength!.Value + 1));

        Assert.Equal("A short note.", Session.Answers["reflection.notes"]?.Text);
        var alert = cut.Find("#q-reflection-notes .mud-alert");
        Assert.Contains("reflection.notes", alert.Text(), StringComparison.Ordinal);
        Assert.Equal("A short note.", cut.Find(box).GetAttribute("value"));
    }

    [Fact]
    public void Emptying_a_note_clears_it()
    {
        var screen = Session.WalkThrough.Screens.First(s => s.Questions.Any(q => q.Id == "reflection.notes"));
        Session.GoTo(screen.Index);
        var cut = Render<WalkThroughPage>();
        cut.Find("#q-reflection-notes-text").Change("Something to remember.");

        cut.Find("#q-reflection-notes-text").Change("   ");

        Assert.Null(Session.Answers["reflection.notes"]);
    }
}
