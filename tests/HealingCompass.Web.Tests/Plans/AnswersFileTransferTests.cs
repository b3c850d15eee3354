using Bunit;
using HealingCompass.Domain.Assessment;
using HealingCompass.Web.Components.Plans;
using HealingCompass.Web.Tests.Support;
using Microsoft.AspNetCore.Components.Forms;

namespace HealingCompass.Web.Tests.Plans;

public sealed class AnswersFileTransferTests : ComponentTestBase
{
    private static void Upload(IRenderedComponent<AnswersFileTransfer> cut, InputFileContent file) =>
        cut.FindComponent<InputFile>().UploadFiles(file);

    private static string Messages(IRenderedComponent<AnswersFileTransfer> cut) =>
        string.Join(" | ", cut.FindAll("[role=status] li").Select(li => li.Text()));

    [Fact]
    public void A_file_written_by_the_app_loads_its_answers()
    {
        var saved = Answers.Danger();
        var cut = Render<AnswersFileTransfer>();

        Upload(cut, InputFileContent.CreateFromText(AnswersFile.Write(saved), "answers.json"));

        cut.WaitForAssertion(() => Assert.True(Session.IsFinished));
        Assert.Equal(AnswersFile.Write(saved), AnswersFile.Write(Session.Answers));
        Assert.True(Session.Result.Safety.IsDanger);
        Assert.Contains("Your answers are loaded.", Messages(cut), StringComparison.Ordinal);
    }

    [Fact]
    public void A_clean_load_says_nothing_about_answers_set_aside()
    {
        var cut = Render<AnswersFileTransfer>();

        Upload(cut, InputFileContent.CreateFromText(AnswersFile.Write(Answers.Calm()), "answers.json"));

        cut.WaitForAssertion(() => Assert.True(Session.IsFinished));
        // Nothing was set aside, so the person should not be told that only "the ones listed" were.
        Assert.Equal("Your answers are loaded. Your results and plan below use them.", Messages(cut));
        Assert.Contains("mud-alert-text-success", cut.Find("[role=status]").ClassName, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_with_a_bad_answer_loads_the_rest_and_lists_what_was_set_aside()
    {
        var json = AnswersFile.Write(Answers.Calm())
            .Replace("\"want.work_on_it\"", "\"want.something_else\"", StringComparison.Ordinal);
        var cut = Render<AnswersFileTransfer>();

        Upload(cut, InputFileContent.CreateFromText(json, "answers.json"));

        cut.WaitForAssertion(() => Assert.True(Session.IsFinished));
        Assert.Null(Session.Answers["context.wants"]);
        Assert.Equal("relationship.partner", Session.Answers["context.relationship"]?.Text);
        var messages = Messages(cut);
        Assert.Contains("with a few set aside", messages, StringComparison.Ordinal);
        Assert.Contains("context.wants", messages, StringComparison.Ordinal);
        Assert.Contains(Answers.Catalog.Message("answers.nothing_lost"), messages, StringComparison.Ordinal);
    }

    [Fact]
    public void A_damaged_file_shows_a_kind_message_and_keeps_the_current_answers()
    {
        var current = Answers.Calm();
        Session.Load(current);
        var cut = Render<AnswersFileTransfer>();

        Upload(cut, InputFileContent.CreateFromText("{ \"format\": \"healingcompass.answers\", \"answ", "answers.json"));

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[role=status] li")));
        Assert.Equal(Answers.Catalog.Message("answers.not_json"), Messages(cut));
        Assert.Same(current, Session.Answers);
        Assert.DoesNotContain("mud-alert-text-success", cut.Find("[role=status]").ClassName, StringComparison.Ordinal);
    }

    [Fact]
    public void A_different_kind_of_file_is_refused_kindly()
    {
        var current = Answers.Calm();
        Session.Load(current);
        var cut = Render<AnswersFileTransfer>();

        Upload(cut, InputFileContent.CreateFromText("""{ "name": "shopping list", "items": ["milk"] }""", "list.json"));

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[role=status] li")));
        Assert.Equal(Answers.Catalog.Message("answers.wrong_format"), Messages(cut));
        Assert.Same(current, Session.Answers);
    }

    [Fact]
    public void An_over_size_file_is_refused_kindly_and_changes_nothing()
    {
        var current = Answers.Calm();
        Session.Load(current);
        var cut = Render<AnswersFileTransfer>();

        Upload(cut, InputFileContent.CreateFromText(new string(' ', AnswersFile.MaxBytes + 1), "answers.json"));

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[role=status] li")));
        Assert.Equal(Answers.Catalog.Message("answers.too_large"), Messages(cut));
        Assert.Same(current, Session.Answers);
    }

    [Fact]
    public void Loading_a_file_on_an_empty_plan_page_shows_the_plan_and_offers_the_download()
    {
        var cut = Render<PlanPage>();
        Assert.True(cut.Button("Download my answers").HasAttribute("disabled"));
        Assert.Empty(cut.FindAll("li.hc-step"));

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(AnswersFile.Write(Answers.Calm()), "answers.json"));

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("li.hc-step")));
        Assert.Equal(Session.BuildPlan().AllSteps.Count(), cut.FindAll("li.hc-step").Count);
        Assert.False(cut.Button("Download my answers").HasAttribute("disabled"));
    }

    [Fact]
    public void Download_hands_the_exported_answers_to_the_browser()
    {
        Session.Load(Answers.Calm());
        var cut = Render<AnswersFileTransfer>();

        cut.Button("Download my answers").Click();

        var call = Assert.Single(JSInterop.Invocations, i => i.Identifier == "healingCompassDownload");
        Assert.Equal("answers.json", call.Arguments[0]);
        Assert.Equal(Session.ExportAnswers(), call.Arguments[1]);
    }
}
