using HealingCompass.Data.Assessments;
using HealingCompass.Data.Plans;
using HealingCompass.Domain.Assessment;
using HealingCompass.Domain.CheckIns;
using HealingCompass.Domain.Plans;
using HealingCompass.Web.Accounts;
using HealingCompass.Web.Assessment;

namespace HealingCompass.Web.Components.Plans;

/// <summary>What keeping a plan or a result did.</summary>
/// <param name="State">Whether the person's data could be opened at all.</param>
/// <param name="Why">Plain words when a new result changed the plan's gates (e.g. relational repair paused).</param>
/// <param name="Paused">How many commitments were paused because their steps left the plan.</param>
public sealed record KeepOutcome(Components.CheckIns.DataState State, IReadOnlyList<string> Why, int Paused)
{
    public bool Kept => State == Components.CheckIns.DataState.Open;
}

/// <summary>
/// Keeps this visit's plan for a signed-in person (interactive pages), and keeps a finished assessment in their
/// history. Each keep re-checks the plan's gates against the result, so a new danger result pauses the joint steps
/// and says why; nothing is deleted.
/// </summary>
public sealed class PlanKeeper(AccountAccess access, PlanStore plans, SavedAssessmentStore assessments, CheckInQuestions questions, CheckInClock clock)
{
    public Task<AccountState> GetStateAsync() => access.GetStateAsync();

    /// <summary>Whether the signed-in person already keeps a plan (so keeping this one updates its paths).</summary>
    public async Task<bool> HasKeptPlanAsync()
    {
        var (_, userId, key) = await OpenAsync();
        return key is not null && await plans.LoadAsync(userId!, key) is not null;
    }

    /// <summary>Keeps the plan built from the visit's answers and chosen tracks, with the person's time zone.</summary>
    public async Task<KeepOutcome> KeepPlanAsync(AssessmentSession session, string? timeZoneId)
    {
        ArgumentNullException.ThrowIfNull(session);
        var (state, userId, key) = await OpenAsync();
        if (key is null)
        {
            return new KeepOutcome(state, [], 0);
        }
        var before = await plans.LoadAsync(userId!, key);
        var recheck = PlanRecheck.Run(session.Result, session.ChosenTracks, before?.Active.Where(c => c.StepId is not null).Select(c => c.StepId!) ?? [], questions.Message);
        var zone = timeZoneId is not null && TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out _) ? timeZoneId : "UTC";
        var today = new CheckInSchedule(DayOfWeek.Sunday, TimeZoneInfo.FindSystemTimeZoneById(zone)).LocalToday(clock.Now);
        var settings = new PlanSettings(session.Answers.Catalog.ContentVersion, [.. session.ChosenTracks], before?.Settings.CheckInDay ?? DayOfWeek.Sunday,
            before?.Settings.TimeZoneId ?? zone, today, null);
        await plans.SaveAsync(userId!, key, settings, PlanCommitments.From(recheck.Plan));
        await KeepInHistoryAsync(userId!, key, session.Answers);
        return new KeepOutcome(state, before is null ? [] : recheck.Why, recheck.HeldBackStepIds.Count);
    }

    /// <summary>Keeps the visit's finished assessment in the history and re-checks a kept plan against it.</summary>
    public async Task<KeepOutcome> KeepResultAsync(AssessmentSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var (state, userId, key) = await OpenAsync();
        if (key is null)
        {
            return new KeepOutcome(state, [], 0);
        }
        await KeepInHistoryAsync(userId!, key, session.Answers);
        var plan = await plans.LoadAsync(userId!, key);
        if (plan is null)
        {
            return new KeepOutcome(state, [], 0);
        }
        var recheck = PlanRecheck.Run(session.Result, plan.Settings.ChosenTracks, plan.Active.Where(c => c.StepId is not null).Select(c => c.StepId!), questions.Message);
        var paused = await plans.PauseStepsAsync(userId!, key, recheck.HeldBackStepIds);
        return new KeepOutcome(state, recheck.Why, paused);
    }

    /// <summary>The person's completed assessments, oldest first; empty when signed out or locked.</summary>
    public async Task<IReadOnlyList<CompletedAssessment>> HistoryAsync()
    {
        var (_, userId, key) = await OpenAsync();
        return key is null ? [] : await assessments.LoadHistoryAsync(userId!, key);
    }

    private async Task KeepInHistoryAsync(string userId, HealingCompass.Data.Encryption.DataKey key, AnswerSet answers)
    {
        // The same answers kept twice (keeping the plan, then the result) make one entry, not two.
        var history = await assessments.LoadHistoryAsync(userId, key);
        if (history.Count == 0 || AnswersFile.Write(history[^1].Answers) != AnswersFile.Write(answers))
        {
            await assessments.SaveCompletedAsync(userId, key, answers);
        }
    }

    private async Task<(Components.CheckIns.DataState State, string? UserId, HealingCompass.Data.Encryption.DataKey? Key)> OpenAsync()
    {
        var state = await access.GetStateAsync();
        if (!state.IsSignedIn)
        {
            return (Components.CheckIns.DataState.SignedOut, null, null);
        }
        return access.TryGetKey(state, out var key)
            ? (Components.CheckIns.DataState.Open, state.UserId, key)
            : (Components.CheckIns.DataState.Locked, state.UserId, null);
    }
}
