using HealingCompass.Domain.Assessment;
using HealingCompass.Domain.Content;
using HealingCompass.Domain.Plans;
using HealingCompass.Web.Assessment;
using HealingCompass.Web.Tests.Support;

namespace HealingCompass.Web.Tests.Assessment;

public sealed class AssessmentSessionTests
{
    private readonly AssessmentSession session = new(ContentCatalog.Default, new WalkThrough(ContentCatalog.Default));

    [Fact]
    public void A_new_visit_starts_on_the_first_screen_with_no_answers()
    {
        Assert.Equal(0, session.ScreenIndex);
        Assert.True(session.IsFirstScreen);
        Assert.False(session.IsLastScreen);
        Assert.True(session.Answers.IsEmpty);
        Assert.False(session.IsFinished);
        Assert.False(session.ShowSafetyCard);
    }

    [Fact]
    public void Back_on_the_first_screen_stays_there()
    {
        session.Back();

        Assert.Equal(0, session.ScreenIndex);
        Assert.True(session.IsFirstScreen);
    }

    [Fact]
    public void Next_on_the_last_screen_stays_there()
    {
        session.GoTo(session.WalkThrough.Count - 1);
        session.Next();

        Assert.Equal(session.WalkThrough.Count - 1, session.ScreenIndex);
        Assert.True(session.IsLastScreen);
        Assert.Equal(100, session.ProgressPercent);
    }

    [Fact]
    public void Next_and_Back_move_one_screen_at_a_time()
    {
        session.Next();
        session.Next();
        Assert.Equal(2, session.ScreenIndex);
        Assert.Same(session.WalkThrough[2], session.CurrentScreen);

        session.Back();
        Assert.Equal(1, session.ScreenIndex);
    }

    [Fact]
    public void GoTo_out_of_range_clamps_to_the_ends()
    {
        session.GoTo(-5);
        Assert.Equal(0, session.ScreenIndex);

        session.GoTo(1_000);
        Assert.Equal(session.WalkThrough.Count - 1, session.ScreenIndex);
    }

    [Fact]
    public void Moving_between_screens_tells_listeners()
    {
        var changes = 0;
        session.Changed += () => changes++;

        session.Next();
        session.Back();

        Assert.Equal(2, changes);
    }

    [Fact]
    public void An_invalid_answer_returns_a_kind_message_and_keeps_the_previous_answer()
    {
        session.SetAnswer("context.relationship", AnswerValue.Choice("relationship.parent"));
        var changes = 0;
        session.Changed += () => changes++;

        var problem = session.SetAnswer("context.relationship", AnswerValue.Choice("relationship.stranger"));

        Assert.NotNull(problem);
        Assert.Equal(AnswerProblemKind.UnknownOption, problem.Kind);
        Assert.Contains("context.relationship", problem.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(problem.Message));
        Assert.Equal("relationship.parent", session.Answers["context.relationship"]?.Text);
        Assert.Equal(0, changes);
    }

    [Fact]
    public void A_scale_answer_off_the_scale_is_refused()
    {
        var problem = session.SetAnswer("factor.safety.feel_safe", AnswerValue.Scale(9));

        Assert.Equal(AnswerProblemKind.OutOfRange, problem?.Kind);
        Assert.Null(session.Answers["factor.safety.feel_safe"]);
    }

    [Fact]
    public void A_valid_answer_is_kept_and_returns_no_message()
    {
        Assert.Null(session.SetAnswer("context.relationship", AnswerValue.Choice("relationship.friend")));
        Assert.Equal("relationship.friend", session.Answers["context.relationship"]?.Text);
    }

    [Fact]
    public void ClearAnswer_forgets_that_one_answer()
    {
        session.SetAnswer("context.relationship", AnswerValue.Choice("relationship.friend"));
        session.ClearAnswer("context.relationship");

        Assert.Null(session.Answers["context.relationship"]);
        Assert.True(session.Answers.IsEmpty);
    }

    [Fact]
    public void The_safety_card_shows_once_a_danger_sign_is_given()
    {
        session.SetAnswer("safety.physical_violence", AnswerValue.Choice(SafetyOptions.No));
        Assert.False(session.ShowSafetyCard);

        session.SetAnswer("safety.threats_to_kill", AnswerValue.Choice(SafetyOptions.Yes));

        Assert.Equal(SafetyLevel.High, session.Result.Safety.Level);
        Assert.True(session.ShowSafetyCard);
    }

    [Fact]
    public void A_concern_that_is_not_danger_shows_no_safety_card()
    {
        session.SetAnswer("safety.control", AnswerValue.Choice(SafetyOptions.Yes));

        Assert.Equal(SafetyLevel.Concern, session.Result.Safety.Level);
        Assert.False(session.ShowSafetyCard);
    }

    [Fact]
    public void The_safety_card_goes_away_once_acknowledged()
    {
        session.SetAnswer("safety.threats_to_kill", AnswerValue.Choice(SafetyOptions.Yes));

        session.AcknowledgeSafetyCard();

        Assert.False(session.ShowSafetyCard);
        Assert.Equal(SafetyLevel.High, session.AcknowledgedSafetyLevel);
    }

    [Fact]
    public void Another_answer_at_the_same_level_does_not_bring_the_card_back()
    {
        session.SetAnswer("safety.threats_to_kill", AnswerValue.Choice(SafetyOptions.Yes));
        session.AcknowledgeSafetyCard();

        session.SetAnswer("safety.stalking", AnswerValue.Choice(SafetyOptions.Yes));

        Assert.Equal(SafetyLevel.High, session.Result.Safety.Level);
        Assert.False(session.ShowSafetyCard);
    }

    [Fact]
    public void The_safety_card_shows_again_when_the_level_rises_from_high_to_immediate()
    {
        session.SetAnswer("safety.threats_to_kill", AnswerValue.Choice(SafetyOptions.Yes));
        session.AcknowledgeSafetyCard();

        session.SetAnswer("safety.fear_now", AnswerValue.Choice(SafetyOptions.Yes));

        Assert.Equal(SafetyLevel.Immediate, session.Result.Safety.Level);
        Assert.True(session.ShowSafetyCard);
    }

    [Fact]
    public void The_chosen_tracks_are_the_advisors_suggestion_until_the_person_chooses()
    {
        session.Load(Answers.Danger());

        Assert.False(session.HasChosenTracks);
        Assert.Equal(TrackAdvisor.DefaultChoice(session.Result), session.ChosenTracks);
        Assert.Contains(TrackIds.SafetyPlanning, session.ChosenTracks);
        Assert.DoesNotContain(TrackIds.RelationalRepair, session.ChosenTracks);
    }

    [Fact]
    public void ChooseTracks_overrides_the_suggestion_without_repeats()
    {
        session.Load(Answers.Calm());

        session.ChooseTracks([TrackIds.PersonalHealing, TrackIds.NoContact, TrackIds.NoContact]);

        Assert.True(session.HasChosenTracks);
        Assert.Equal([TrackIds.PersonalHealing, TrackIds.NoContact], session.ChosenTracks);
        Assert.Contains(session.BuildPlan().Sections, s => s.Track.Id == TrackIds.NoContact);
    }

    [Fact]
    public void Changing_an_answer_offers_the_suggestion_afresh()
    {
        session.Load(Answers.Calm());
        session.ChooseTracks([TrackIds.PersonalHealing, TrackIds.NoContact]);

        session.SetAnswer("safety.threats_to_kill", AnswerValue.Choice(SafetyOptions.Yes));

        Assert.False(session.HasChosenTracks);
        Assert.Equal(TrackAdvisor.DefaultChoice(session.Result), session.ChosenTracks);
    }

    [Fact]
    public void Clearing_an_answer_also_offers_the_suggestion_afresh()
    {
        session.Load(Answers.Calm());
        session.ChooseTracks([TrackIds.PersonalHealing, TrackIds.NoContact]);

        session.ClearAnswer("context.wants");

        Assert.False(session.HasChosenTracks);
    }

    [Fact]
    public void The_result_follows_the_latest_answers()
    {
        session.SetAnswer("safety.threats_to_kill", AnswerValue.Choice(SafetyOptions.No));
        Assert.False(session.Result.Safety.IsDanger);

        session.SetAnswer("safety.threats_to_kill", AnswerValue.Choice(SafetyOptions.Yes));

        Assert.True(session.Result.Safety.IsDanger);
    }

    [Fact]
    public void Load_replaces_every_answer_and_marks_the_assessment_finished()
    {
        session.SetAnswer("context.relationship", AnswerValue.Choice("relationship.coworker"));
        session.GoTo(4);
        var loaded = new AnswerSet(ContentCatalog.Default).Set("safety.choking", SafetyOptions.No);

        session.Load(loaded);

        Assert.Same(loaded, session.Answers);
        Assert.Null(session.Answers["context.relationship"]);
        Assert.True(session.IsFinished);
        Assert.Equal(0, session.ScreenIndex);
    }

    [Fact]
    public void Finish_marks_the_assessment_finished()
    {
        session.Finish();

        Assert.True(session.IsFinished);
    }

    [Fact]
    public void Reset_forgets_everything_entered_in_the_visit()
    {
        session.Load(Answers.Danger());
        session.AcknowledgeSafetyCard();
        session.ChooseTracks([TrackIds.PersonalHealing, TrackIds.LeavingSafely]);
        session.GoTo(5);

        session.Reset();

        Assert.True(session.Answers.IsEmpty);
        Assert.Equal(0, session.ScreenIndex);
        Assert.False(session.IsFinished);
        Assert.Equal(SafetyLevel.None, session.AcknowledgedSafetyLevel);
        Assert.False(session.HasChosenTracks);
        Assert.Equal(SafetyLevel.None, session.Result.Safety.Level);

        // A danger answer after the reset shows the card again: nothing of the old visit is remembered.
        session.SetAnswer("safety.threats_to_kill", AnswerValue.Choice(SafetyOptions.Yes));
        Assert.True(session.ShowSafetyCard);
    }

    [Fact]
    public void Exported_answers_read_back_as_the_same_answers()
    {
        session.Load(Answers.Calm());
        session.SetAnswer("patterns.effects", AnswerValue.Multi("effect.anxiety", "effect.shame"));
        session.SetAnswer("reflection.notes", AnswerValue.FreeText("Some words of my own."));

        var json = session.ExportAnswers();
        var read = AnswersFile.Read(json);

        Assert.True(read.IsComplete, string.Join("; ", read.Problems.Select(p => p.Message)));
        Assert.Equal(
            session.Answers.Answered.Select(a => (a.Question.Id, a.Value.ToString(), a.Value.Text)),
            read.Answers!.Answered.Select(a => (a.Question.Id, a.Value.ToString(), a.Value.Text)));
        Assert.Equal(json, AnswersFile.Write(read.Answers));
    }
}
