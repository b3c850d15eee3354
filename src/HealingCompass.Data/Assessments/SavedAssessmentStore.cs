using System.Text;
using HealingCompass.Data.Encryption;
using HealingCompass.Domain.Assessment;
using Microsoft.EntityFrameworkCore;

namespace HealingCompass.Data.Assessments;

/// <summary>A completed assessment from the person's history.</summary>
public sealed record CompletedAssessment(Guid Id, DateTime CompletedUtc, AnswerSet Answers);

/// <summary>
/// Saves and restores a signed-in person's assessments, encrypted with their data key and bound to the
/// owner and record, so a row copied elsewhere cannot be opened. One draft per person, and a history of
/// completed ones (rows that are not drafts).
/// </summary>
public sealed class SavedAssessmentStore(IDbContextFactory<HealingCompassDbContext> contexts, TimeProvider time)
{
    internal const string RecordType = "assessment";

    /// <summary>Saves the answers as the person's draft, replacing any earlier draft.</summary>
    public async Task SaveDraftAsync(string userId, DataKey key, AnswerSet answers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(answers);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var draft = await db.SavedAssessments.SingleOrDefaultAsync(a => a.UserId == userId && a.IsDraft, cancellationToken);
        if (draft is null)
        {
            draft = new SavedAssessment { Id = Guid.NewGuid(), UserId = userId, IsDraft = true, CreatedUtc = now, Payload = [] };
            db.SavedAssessments.Add(draft);
        }
        draft.UpdatedUtc = now;
        draft.Payload = Encrypt(key, userId, draft.Id, answers);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The person's draft, if there is one.</summary>
    public async Task<AnswerSet?> LoadDraftAsync(string userId, DataKey key, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var draft = await db.SavedAssessments.AsNoTracking().SingleOrDefaultAsync(a => a.UserId == userId && a.IsDraft, cancellationToken);
        if (draft is null)
        {
            return null;
        }
        var json = Encoding.UTF8.GetString(FieldCipher.Decrypt(key, draft.Payload, Binding(userId, draft.Id)));
        return AnswersFile.Read(json).Answers;
    }

    public async Task DeleteDraftAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.SavedAssessments.Where(a => a.UserId == userId && a.IsDraft).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>
    /// Keeps a completed assessment in the person's history (a new row each time, never replacing one), beside
    /// the draft, which stays as it is. Returns the new record's id.
    /// </summary>
    public async Task<Guid> SaveCompletedAsync(string userId, DataKey key, AnswerSet answers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(answers);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var id = Guid.NewGuid();
        db.SavedAssessments.Add(new SavedAssessment
        {
            Id = id,
            UserId = userId,
            IsDraft = false,
            CreatedUtc = now,
            UpdatedUtc = now,
            Payload = FieldCipher.EncryptString(key, AnswersFile.Write(answers), Binding(userId, id)),
        });
        await db.SaveChangesAsync(cancellationToken);
        return id;
    }

    /// <summary>The person's completed assessments, oldest first. One that no longer reads with today's content is left out.</summary>
    public async Task<IReadOnlyList<CompletedAssessment>> LoadHistoryAsync(string userId, DataKey key, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.SavedAssessments.AsNoTracking().Where(a => a.UserId == userId && !a.IsDraft).OrderBy(a => a.CreatedUtc).ToListAsync(cancellationToken);
        var history = new List<CompletedAssessment>(rows.Count);
        foreach (var row in rows)
        {
            if (AnswersFile.Read(FieldCipher.DecryptString(key, row.Payload, Binding(userId, row.Id))).Answers is { } answers)
            {
                history.Add(new CompletedAssessment(row.Id, row.CreatedUtc, answers));
            }
        }
        return history;
    }

    private static byte[] Encrypt(DataKey key, string userId, Guid recordId, AnswerSet answers) =>
        FieldCipher.Encrypt(key, Encoding.UTF8.GetBytes(AnswersFile.Write(answers)), Binding(userId, recordId));

    internal static RecordBinding Binding(string userId, Guid recordId) =>
        new(userId, RecordType, recordId.ToString("N"));
}
