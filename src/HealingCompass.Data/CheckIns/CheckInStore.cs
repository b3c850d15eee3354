using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.Json;
using HealingCompass.Data.Encryption;
using HealingCompass.Data.Plans;
using HealingCompass.Domain.CheckIns;
using HealingCompass.Domain.Plans;
using Microsoft.EntityFrameworkCore;

namespace HealingCompass.Data.CheckIns;

/// <summary>A check-in as read back.</summary>
public sealed record StoredCheckIn(Guid Id, DateOnly Week, bool WasLate, DateTime CreatedUtc, DateTime UpdatedUtc, CheckInAnswers Answers);

/// <summary>What happened to a submitted check-in. With problems, nothing was written.</summary>
public sealed record CheckInSaveResult(bool Saved, bool EditedExisting, bool WasLate, DateOnly Week, IReadOnlyList<CheckInProblem> Problems)
{
    internal static CheckInSaveResult Refused(DateOnly week, params IReadOnlyList<CheckInProblem> problems) => new(false, false, false, week, problems);
}

/// <summary>
/// Saves and reads weekly check-ins, encrypted with the person's key and bound to owner, record type and id. The
/// week comes from the person's own schedule (day and time zone in their kept plan) and the check-in clock; one
/// check-in per person per week, so a second that week edits the first. Nothing is written unless every answer
/// is valid, the week has started, and every ticked commitment is the person's own.
/// </summary>
public sealed class CheckInStore(IDbContextFactory<HealingCompassDbContext> contexts, PlanStore plans, CheckInClock clock, CheckInQuestions questions)
{
    internal const string RecordType = "check-in";

    /// <summary>The meter and histogram a save's duration is recorded on (milliseconds; the load run reads it).</summary>
    public const string MeterName = "HealingCompass.CheckIns";
    public const string SaveDurationName = "healingcompass.checkin.save";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Histogram<double> SaveDuration = Meter.CreateHistogram<double>(SaveDurationName, "ms", "Time to validate, encrypt and write one check-in");

    /// <summary>Saves this week's check-in, or the one for <paramref name="week"/> (a past week is marked late).</summary>
    public async Task<CheckInSaveResult> SubmitAsync(string userId, DataKey key, CheckInAnswers answers, DateOnly? week = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var plan = await plans.LoadAsync(userId, key, cancellationToken);
        return plan is null
            ? CheckInSaveResult.Refused(week ?? default, new CheckInProblem("plan", questions.Message("problem.no_plan")))
            : await SubmitAsync(userId, key, plan, answers, week, cancellationToken);
    }

    /// <summary>
    /// As above, with the person's kept plan already read (it holds their schedule and commitments). A saved
    /// check-in's duration from here (find the week's row, validate, encrypt, write) goes on <see cref="SaveDurationName"/>.
    /// </summary>
    public async Task<CheckInSaveResult> SubmitAsync(string userId, DataKey key, KeptPlan plan, CheckInAnswers answers, DateOnly? week = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(answers);
        var started = Stopwatch.GetTimestamp();
        var result = await SaveAsync(userId, key, plan, answers, week, cancellationToken);
        if (result.Saved)
        {
            SaveDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        return result;
    }

    private async Task<CheckInSaveResult> SaveAsync(string userId, DataKey key, KeptPlan plan, CheckInAnswers answers, DateOnly? week, CancellationToken cancellationToken)
    {
        var schedule = Schedule(plan.Settings);
        var now = clock.Now;
        var target = week ?? schedule.WeekOf(now);

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var existing = await db.CheckIns.SingleOrDefaultAsync(c => c.UserId == userId && c.Week == target, cancellationToken);
        if (existing is null && !schedule.IsOnSchedule(target))
        {
            return CheckInSaveResult.Refused(target, new CheckInProblem("week", questions.Message("problem.off_schedule")));
        }
        var earlier = existing is null ? null : Read(key, userId, existing);
        var practice = plan.Active.Where(c => c.Kind == CommitmentKind.Practice).Select(c => c.Id.ToString()).ToHashSet(StringComparer.Ordinal);
        var boundaries = plan.Active.Where(c => c.Kind == CommitmentKind.Boundary).Select(c => c.Id.ToString()).ToHashSet(StringComparer.Ordinal);
        if (earlier is not null)
        {
            // Editing an old week may keep what was ticked then, even if it has since been paused.
            practice.UnionWith(earlier.CommitmentsKept);
            boundaries.UnionWith(earlier.BoundariesHeld);
        }
        var timing = schedule.Timing(target, now);
        var problems = CheckInValidator.Validate(answers, questions, practice, boundaries, timing);
        if (problems.Count > 0)
        {
            return CheckInSaveResult.Refused(target, problems);
        }

        var versions = new Dictionary<string, int>(questions.CurrentVersions(), StringComparer.Ordinal);
        if (answers.Who5 is not null)
        {
            versions[questions.Who5.Id] = questions.Who5.Version;
        }
        var stored = answers with
        {
            CommitmentsListed = Math.Max(answers.CommitmentsKept.Count, earlier?.CommitmentsListed ?? plan.Active.Count(c => c.Kind == CommitmentKind.Practice)),
            BoundariesListed = Math.Max(answers.BoundariesHeld.Count, earlier?.BoundariesListed ?? plan.Active.Count(c => c.Kind == CommitmentKind.Boundary)),
            Versions = versions,
        };
        var late = timing == WeekTiming.Past;
        var utcNow = now.UtcDateTime;
        if (existing is null)
        {
            var id = Guid.NewGuid();
            db.CheckIns.Add(new CheckInRow { Id = id, UserId = userId, Week = target, WasLate = late, CreatedUtc = utcNow, UpdatedUtc = utcNow, Payload = Encrypt(key, userId, id, stored) });
            try
            {
                await WriteAsync(db, cancellationToken);
                return new CheckInSaveResult(true, false, late, target, []);
            }
            catch (DbUpdateException)
            {
                // The same week was saved a moment ago (another tab): this one edits it, as a second check-in would.
                db.ChangeTracker.Clear();
                existing = await db.CheckIns.SingleAsync(c => c.UserId == userId && c.Week == target, cancellationToken);
            }
        }
        existing.Payload = Encrypt(key, userId, existing.Id, stored);
        existing.UpdatedUtc = utcNow;
        existing.WasLate |= late;
        await WriteAsync(db, cancellationToken);
        return new CheckInSaveResult(true, true, existing.WasLate, target, []);
    }

    // SQLite takes one writer at a time, and Microsoft.Data.Sqlite answers a busy file by sleeping and retrying;
    // with many people saving at once that sleep is most of the wait. Check-ins queue here instead, in order.
    private static readonly SemaphoreSlim WriteGate = new(1, 1);

    private static async Task WriteAsync(HealingCompassDbContext db, CancellationToken cancellationToken)
    {
        await WriteGate.WaitAsync(cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        finally
        {
            WriteGate.Release();
        }
    }

    /// <summary>Every check-in of the person, oldest week first.</summary>
    public async Task<IReadOnlyList<StoredCheckIn>> LoadAllAsync(string userId, DataKey key, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.CheckIns.AsNoTracking().Where(c => c.UserId == userId).OrderBy(c => c.Week).ToListAsync(cancellationToken);
        return [.. rows.Select(r => new StoredCheckIn(r.Id, r.Week, r.WasLate, r.CreatedUtc, r.UpdatedUtc, Read(key, userId, r)))];
    }

    /// <summary>The person's latest <paramref name="count"/> check-ins, oldest first: what the loop back to safety reads.</summary>
    public async Task<IReadOnlyList<StoredCheckIn>> LoadRecentAsync(string userId, DataKey key, int count, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.CheckIns.AsNoTracking().Where(c => c.UserId == userId).OrderByDescending(c => c.Week).Take(count).ToListAsync(cancellationToken);
        return [.. rows.OrderBy(r => r.Week).Select(r => new StoredCheckIn(r.Id, r.Week, r.WasLate, r.CreatedUtc, r.UpdatedUtc, Read(key, userId, r)))];
    }

    /// <summary>The person's check-in for one week, or null (also for a week that is only someone else's).</summary>
    public async Task<StoredCheckIn?> LoadWeekAsync(string userId, DataKey key, DateOnly week, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var r = await db.CheckIns.AsNoTracking().SingleOrDefaultAsync(c => c.UserId == userId && c.Week == week, cancellationToken);
        return r is null ? null : new StoredCheckIn(r.Id, r.Week, r.WasLate, r.CreatedUtc, r.UpdatedUtc, Read(key, userId, r));
    }

    /// <summary>The person's check-in by its id, or null when it is not theirs.</summary>
    public async Task<StoredCheckIn?> LoadAsync(string userId, DataKey key, Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var r = await db.CheckIns.AsNoTracking().SingleOrDefaultAsync(c => c.UserId == userId && c.Id == id, cancellationToken);
        return r is null ? null : new StoredCheckIn(r.Id, r.Week, r.WasLate, r.CreatedUtc, r.UpdatedUtc, Read(key, userId, r));
    }

    /// <summary>The weeks the person has checked in (plain dates; no key needed), for "what is due".</summary>
    public async Task<IReadOnlySet<DateOnly>> DoneWeeksAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return (await db.CheckIns.AsNoTracking().Where(c => c.UserId == userId).Select(c => c.Week).ToListAsync(cancellationToken)).ToHashSet();
    }

    /// <summary>The person's schedule from their kept plan; an unknown zone falls back to UTC rather than failing.</summary>
    public static CheckInSchedule Schedule(PlanSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new CheckInSchedule(settings.CheckInDay, TimeZoneInfo.TryFindSystemTimeZoneById(settings.TimeZoneId, out var zone) ? zone : TimeZoneInfo.Utc);
    }

    private static byte[] Encrypt(DataKey key, string userId, Guid id, CheckInAnswers answers) =>
        FieldCipher.EncryptString(key, CheckInAnswersJson.Write(answers), Binding(userId, id));

    private static CheckInAnswers Read(DataKey key, string userId, CheckInRow row)
    {
        try
        {
            return CheckInAnswersJson.Read(FieldCipher.DecryptString(key, row.Payload, Binding(userId, row.Id)));
        }
        catch (JsonException ex)
        {
            throw new RecordDecryptionException(ex);
        }
    }

    internal static RecordBinding Binding(string userId, Guid id) => new(userId, RecordType, id.ToString("N"));
}
