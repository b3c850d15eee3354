using HealingCompass.Data.Plans;
using HealingCompass.Data.Tests.Support;
using HealingCompass.Domain.CheckIns;
using HealingCompass.Domain.Content;
using HealingCompass.Domain.Plans;
using Microsoft.Extensions.Time.Testing;

namespace HealingCompass.Data.Tests.CheckIns;

/// <summary>A real database (SQLite file or PostgreSQL) with a clock the test moves, and people who keep a plan.</summary>
internal sealed class CheckInFixture : IAsyncDisposable
{
    /// <summary>Sunday 29 November 2026, 18:00 UTC.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 29, 18, 0, 0, TimeSpan.Zero);

    private CheckInFixture(TestDatabase database, FakeTimeProvider time)
    {
        Database = database;
        Time = time;
    }

    public TestDatabase Database { get; }

    public FakeTimeProvider Time { get; }

    public static async Task<CheckInFixture> CreateAsync(DatabaseProvider provider = DatabaseProvider.Sqlite, DateTimeOffset? start = null)
    {
        var time = new FakeTimeProvider(start ?? Start);
        return new CheckInFixture(await TestDatabase.CreateAsync(clock: time, provider: provider), time);
    }

    public static IReadOnlyList<PlanCommitment> TwoSteps { get; } =
    [
        FromStep("step.personal.reconnect"),
        FromStep("step.personal.soothing_ritual"),
    ];

    public static PlanCommitment FromStep(string stepId)
    {
        Assert.True(ContentCatalog.Default.TryGetStep(stepId, out var step));
        return new PlanCommitment(step.Id, step.Title, step.Commitment!, step.Cadence);
    }

    public async Task<KeptPlan> KeepPlanAsync(TestAccount account, DayOfWeek day = DayOfWeek.Sunday, string zone = "UTC", IReadOnlyList<PlanCommitment>? commitments = null) =>
        await Database.Plans.SaveAsync(
            account.UserId,
            account.Key,
            new PlanSettings(ContentCatalog.Default.ContentVersion, [TrackIds.PersonalHealing], day, zone, DateOnly.FromDateTime(Time.GetUtcNow().UtcDateTime), null),
            commitments ?? TwoSteps,
            TestContext.Current.CancellationToken);

    public static CheckInAnswers Answers(int weekFelt = 3, int feltSafe = 4, IReadOnlyList<string>? kept = null, string? note = null) =>
        new() { WeekFelt = weekFelt, FeltSafe = feltSafe, CommitmentsKept = kept ?? [], Note = note, ReachedSupport = 1 };

    public ValueTask DisposeAsync() => Database.DisposeAsync();
}
