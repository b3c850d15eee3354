using Bunit;
using HealingCompass.Web.Components.Assessment;
using HealingCompass.Web.Tests.Support;

namespace HealingCompass.Web.Tests.Assessment;

/// <summary>
/// The walk-through gives each field the next screen's question in its place (no @key), so a field must not carry
/// anything of the question it showed before.
/// </summary>
public sealed class QuestionFieldTests : ComponentTestBase
{
    [Fact]
    public void A_message_about_one_question_is_gone_when_the_field_is_given_another_question()
    {
        var notes = Session.WalkThrough.Screens.SelectMany(s => s.Questions).Single(q => q.Id == "reflection.notes");
        var other = Session.WalkThrough[0].Questions[0];
        var cut = Render<QuestionField>(p => p.Add(f => f.Question, notes).Add(f => f.Session, Session));
        cut.Find("#q-reflection-notes-text").Change(new string('x', notes.Definition.MaxLength!.Value + 1));
        Assert.Single(cut.FindAll(".mud-alert"));

        cut.Render(p => p.Add(f => f.Question, other).Add(f => f.Session, Session));

        Assert.Empty(cut.FindAll(".mud-alert"));
        Assert.Equal(other.Definition.Text, cut.Find("legend").TextContent);
    }

    [Fact]
    public void Given_its_own_question_again_a_field_keeps_the_message()
    {
        var notes = Session.WalkThrough.Screens.SelectMany(s => s.Questions).Single(q => q.Id == "reflection.notes");
        var cut = Render<QuestionField>(p => p.Add(f => f.Question, notes).Add(f => f.Session, Session));
        cut.Find("#q-reflection-notes-text").Change(new string('x', notes.Definition.MaxLength!.Value + 1));

        cut.Render(p => p.Add(f => f.Question, notes).Add(f => f.Session, Session));

        Assert.Single(cut.FindAll(".mud-alert"));
    }
}
