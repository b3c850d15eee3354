using System.Text.Json;
using HealingCompass.Data.Encryption;
using HealingCompass.Domain.Plans;
using Microsoft.EntityFrameworkCore;

namespace HealingCompass.Data.Plans;

/// <summary>A kept plan as read back: its settings and every commitment, in the order they were added.</summary>
public sealed record KeptPlan(Guid Id, PlanSettings Settings, IReadOnlyList<KeptCommitment> Commitments, DateTime CreatedUtc)
{
    public IEnumerable<KeptCommitment> Active => Commitments.Where(c => c.Status == CommitmentStatus.Active);
}

/// <summary>
/// Keeps a signed-in person's plan and commitments, encrypted with their data key and bound to owner, record type
/// and id. Every method filters by the owner: another person's commitment id is simply not found.
/// </summary>
public sealed class PlanStore(IDbContextFactory<HealingCompassDbContext> contexts, TimeProvider time)
{
    internal const string PlanRecordType = "saved-plan";
    internal const string CommitmentRecordType = "commitment";

    /// <summary>
    /// Keeps the plan (or replaces its settings when the person re-chooses) and adds a commitment for every plan
    /// step not already tracked. Commitments whose step is no longer in the plan are paused, never deleted.
    /// </summary>
    public async Task<KeptPlan> SaveAsync(string userId, DataKey key, PlanSettings settings, IReadOnlyList<PlanCommitment> planCommitments, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(planCommitments);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var plan = await db.SavedPlans.SingleOrDefaultAsync(p => p.UserId == userId, cancellationToken);
        if (plan is null)
        {
            plan = new SavedPlan { Id = Guid.NewGuid(), UserId = userId, CreatedUtc = now, Payload = [] };
            db.SavedPlans.Add(plan);
        }
        else
        {
            // Re-choosing keeps the day it was first kept and the safety offer's memory.
            var old = ReadSettings(key, userId, plan);
            settings = settings with { KeptSince = old.KeptSince, SafetyOfferHandledWeek = old.SafetyOfferHandledWeek };
        }
        plan.UpdatedUtc = now;
        plan.Payload = EncryptJson(key, new RecordBinding(userId, PlanRecordType, plan.Id.ToString("N")), settings, PlanJsonContext.Default.PlanSettings);

        var rows = await db.Commitments.Where(c => c.UserId == userId).ToListAsync(cancellationToken);
        var byStep = new Dictionary<string, CommitmentRow>(StringComparer.Ordinal);
        foreach (var row in rows.Where(r => r.Source == (int)CommitmentSource.PlanStep))
        {
            var text = ReadText(key, userId, row);
            if (text.StepId is not null)
            {
                byStep[text.StepId] = row;
            }
        }
        var wanted = planCommitments.Select(c => c.StepId).ToHashSet(StringComparer.Ordinal);
        foreach (var (stepId, row) in byStep)
        {
            if (!wanted.Contains(stepId) && row.Status == (int)CommitmentStatus.Active)
            {
                row.Status = (int)CommitmentStatus.Paused;
                row.UpdatedUtc = now;
            }
            else if (wanted.Contains(stepId) && row.Status == (int)CommitmentStatus.Paused)
            {
                row.Status = (int)CommitmentStatus.Active; // chosen again: it comes back with its history
                row.UpdatedUtc = now;
            }
        }
        foreach (var c in planCommitments)
        {
            if (!byStep.ContainsKey(c.StepId))
            {
                db.Commitments.Add(NewRow(userId, key, now, CommitmentSource.PlanStep, CommitmentKind.Practice, new CommitmentText(c.StepId, c.Title, c.Text, settings.ContentVersion)));
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        return (await LoadAsync(userId, key, cancellationToken))!;
    }

    /// <summary>The person's kept plan, or null.</summary>
    /// <exception cref="RecordDecryptionException">A row was moved, copied or changed outside the app.</exception>
    public async Task<KeptPlan?> LoadAsync(string userId, DataKey key, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var plan = await db.SavedPlans.AsNoTracking().SingleOrDefaultAsync(p => p.UserId == userId, cancellationToken);
        if (plan is null)
        {
            return null;
        }
        var rows = await db.Commitments.AsNoTracking().Where(c => c.UserId == userId).OrderBy(c => c.CreatedUtc).ToListAsync(cancellationToken);
        var commitments = rows.Select(r => ToKept(r, ReadText(key, userId, r))).ToList();
        return new KeptPlan(plan.Id, ReadSettings(key, userId, plan), commitments, plan.CreatedUtc);
    }

    /// <summary>Changes the kept plan's settings (check-in day, time zone, the safety offer's memory); false when there is no plan.</summary>
    public async Task<bool> UpdateSettingsAsync(string userId, DataKey key, Func<PlanSettings, PlanSettings> change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var plan = await db.SavedPlans.SingleOrDefaultAsync(p => p.UserId == userId, cancellationToken);
        if (plan is null)
        {
            return false;
        }
        var settings = change(ReadSettings(key, userId, plan));
        plan.Payload = EncryptJson(key, new RecordBinding(userId, PlanRecordType, plan.Id.ToString("N")), settings, PlanJsonContext.Default.PlanSettings);
        plan.UpdatedUtc = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>Adds the person's own commitment or boundary; null when they have no kept plan.</summary>
    public async Task<Guid?> AddOwnAsync(string userId, DataKey key, CommitmentKind kind, string text, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.SavedPlans.AnyAsync(p => p.UserId == userId, cancellationToken))
        {
            return null;
        }
        var row = NewRow(userId, key, time.GetUtcNow().UtcDateTime, CommitmentSource.Own, kind, new CommitmentText(null, text.Trim(), text.Trim(), ""));
        db.Commitments.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        return row.Id;
    }

    /// <summary>Pauses, drops or brings back one of the person's commitments. False (not found) for anyone else's id.</summary>
    public async Task<bool> SetStatusAsync(string userId, Guid commitmentId, CommitmentStatus status, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var changed = await db.Commitments
            .Where(c => c.Id == commitmentId && c.UserId == userId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, (int)status).SetProperty(c => c.UpdatedUtc, time.GetUtcNow().UtcDateTime), cancellationToken);
        return changed == 1;
    }

    /// <summary>Pauses the person's plan commitments made from these steps (a new result held them back).</summary>
    public async Task<int> PauseStepsAsync(string userId, DataKey key, IReadOnlyCollection<string> stepIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stepIds);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Commitments.Where(c => c.UserId == userId && c.Source == (int)CommitmentSource.PlanStep && c.Status == (int)CommitmentStatus.Active).ToListAsync(cancellationToken);
        var paused = 0;
        foreach (var row in rows)
        {
            if (ReadText(key, userId, row).StepId is { } step && stepIds.Contains(step))
            {
                row.Status = (int)CommitmentStatus.Paused;
                row.UpdatedUtc = time.GetUtcNow().UtcDateTime;
                paused++;
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        return paused;
    }

    /// <summary>The person takes the newer wording offered after a content update. False (not found) for anyone else's id.</summary>
    public async Task<bool> TakeWordingAsync(string userId, DataKey key, WordingOffer offer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(offer);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Commitments.SingleOrDefaultAsync(c => c.Id == offer.CommitmentId && c.UserId == userId, cancellationToken);
        if (row is null)
        {
            return false;
        }
        var text = ReadText(key, userId, row) with { Title = offer.NewTitle, Text = offer.NewText, ContentVersion = offer.NewContentVersion };
        row.Payload = EncryptJson(key, Binding(userId, row.Id), text, PlanJsonContext.Default.CommitmentText);
        row.UpdatedUtc = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    private static CommitmentRow NewRow(string userId, DataKey key, DateTime now, CommitmentSource source, CommitmentKind kind, CommitmentText text)
    {
        var id = Guid.NewGuid();
        return new CommitmentRow
        {
            Id = id,
            UserId = userId,
            Source = (int)source,
            Kind = (int)kind,
            Status = (int)CommitmentStatus.Active,
            CreatedUtc = now,
            UpdatedUtc = now,
            Payload = EncryptJson(key, Binding(userId, id), text, PlanJsonContext.Default.CommitmentText),
        };
    }

    private static KeptCommitment ToKept(CommitmentRow r, CommitmentText t) =>
        new(r.Id, (CommitmentSource)r.Source, (CommitmentKind)r.Kind, (CommitmentStatus)r.Status, t.StepId, t.Title, t.Text, t.ContentVersion);

    private static PlanSettings ReadSettings(DataKey key, string userId, SavedPlan plan) =>
        DecryptJson(key, plan.Payload, new RecordBinding(userId, PlanRecordType, plan.Id.ToString("N")), PlanJsonContext.Default.PlanSettings);

    private static CommitmentText ReadText(DataKey key, string userId, CommitmentRow row) =>
        DecryptJson(key, row.Payload, Binding(userId, row.Id), PlanJsonContext.Default.CommitmentText);

    internal static RecordBinding Binding(string userId, Guid id) => new(userId, CommitmentRecordType, id.ToString("N"));

    internal static RecordBinding PlanBinding(string userId, Guid id) => new(userId, PlanRecordType, id.ToString("N"));

    internal static byte[] EncryptJson<T>(DataKey key, RecordBinding binding, T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> info) =>
        FieldCipher.EncryptString(key, JsonSerializer.Serialize(value, info), binding);

    internal static T DecryptJson<T>(DataKey key, byte[] blob, RecordBinding binding, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> info)
    {
        try
        {
            return JsonSerializer.Deserialize(FieldCipher.DecryptString(key, blob, binding), info) ?? throw new RecordDecryptionException();
        }
        catch (JsonException ex)
        {
            throw new RecordDecryptionException(ex);
        }
    }
}
