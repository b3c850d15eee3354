using System.Text.Json;
using HealingCompass.Data.Assessments;
using HealingCompass.Data.CheckIns;
using HealingCompass.Data.Encryption;
using HealingCompass.Data.Journal;
using HealingCompass.Data.Plans;
using HealingCompass.Domain.Activity;
using HealingCompass.Domain.Assessment;
using HealingCompass.Domain.CheckIns;
using HealingCompass.Domain.Journal.Evidence;
using HealingCompass.Domain.Plans;
using Microsoft.EntityFrameworkCore;

namespace HealingCompass.Data.MyData;

/// <summary>
/// Everything the person keeps, opened with their key, for their own download: every saved assessment (the draft
/// and the history), the kept plan and every commitment, every check-in, every activity line, and the journal
/// through <see cref="JournalExporter"/> (the evidence export itself, its files streamed with
/// <see cref="StreamFilesAsync"/>). Reading only, apart from the journal export's own record of its head.
/// </summary>
public sealed class MyDataExporter(IDbContextFactory<HealingCompassDbContext> contexts, JournalExporter journal, TimeProvider time)
{
    /// <exception cref="RecordDecryptionException">A row was moved, copied or changed outside the app.</exception>
    public async Task<MyDataContent> ExportAsync(string userId, DataKey key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentNullException.ThrowIfNull(key);
        var exportedAt = time.GetUtcNow();
        List<ExportedAssessment> assessments;
        ExportedPlan? plan;
        List<ExportedCommitment> commitments;
        List<ExportedCheckIn> checkIns;
        List<ActivityEvent> activity;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            // One read transaction: check-ins name commitments, so the two must come from the same moment. The orders
            // are the stores' own, so the lists come out as the person sees them.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var assessmentRows = await db.SavedAssessments.AsNoTracking().Where(a => a.UserId == userId).OrderBy(a => a.CreatedUtc).ToListAsync(cancellationToken);
            assessments = [];
            foreach (var row in assessmentRows)
            {
                // One that no longer reads with today's content is left out, as the history page leaves it out.
                if (AnswersFile.Read(FieldCipher.DecryptString(key, row.Payload, SavedAssessmentStore.Binding(userId, row.Id))).Answers is { } answers)
                {
                    assessments.Add(new ExportedAssessment(row.IsDraft, row.CreatedUtc, row.UpdatedUtc, answers));
                }
            }
            var planRow = await db.SavedPlans.AsNoTracking().SingleOrDefaultAsync(p => p.UserId == userId, cancellationToken);
            plan = planRow is null
                ? null
                : new ExportedPlan(planRow.CreatedUtc, planRow.UpdatedUtc, PlanStore.DecryptJson(key, planRow.Payload, PlanStore.PlanBinding(userId, planRow.Id), PlanJsonContext.Default.PlanSettings));
            var commitmentRows = await db.Commitments.AsNoTracking().Where(c => c.UserId == userId).OrderBy(c => c.CreatedUtc).ToListAsync(cancellationToken);
            commitments = [.. commitmentRows.Select(r =>
            {
                var text = PlanStore.DecryptJson(key, r.Payload, PlanStore.Binding(userId, r.Id), PlanJsonContext.Default.CommitmentText);
                return new ExportedCommitment(r.Id, (CommitmentSource)r.Source, (CommitmentKind)r.Kind, (CommitmentStatus)r.Status, r.CreatedUtc, r.UpdatedUtc, text.StepId, text.Title, text.Text, text.ContentVersion);
            })];
            var checkInRows = await db.CheckIns.AsNoTracking().Where(c => c.UserId == userId).OrderBy(c => c.Week).ToListAsync(cancellationToken);
            checkIns = [.. checkInRows.Select(r => new ExportedCheckIn(r.Week, r.WasLate, r.CreatedUtc, r.UpdatedUtc, ReadCheckIn(key, userId, r)))];
            // Newest first, as the activity page lists them (readable metadata: nothing to open).
            var activityRows = await db.Activity.AsNoTracking().Where(a => a.UserId == userId).OrderByDescending(a => a.AtUtc).ThenByDescending(a => a.Id).ToListAsync(cancellationToken);
            activity = [.. activityRows.Select(r => new ActivityEvent(r.Kind, r.AtUtc, r.Device, r.Network) { Count = r.Count, FirstAtUtc = r.FirstAtUtc })];
        }
        var chain = await journal.ExportAsync(userId, key, cancellationToken);
        return new MyDataContent(exportedAt, assessments, plan, commitments, checkIns, chain) { Activity = activity };
    }

    /// <summary>The journal's files for the archive, a few at a time, exactly as the journal's own export reads them.</summary>
    public IAsyncEnumerable<ExportedFile> StreamFilesAsync(string userId, DataKey key, MyDataContent content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        return journal.StreamFilesAsync(userId, key, content.Journal, cancellationToken);
    }

    private static CheckInAnswers ReadCheckIn(DataKey key, string userId, CheckInRow row)
    {
        try
        {
            return CheckInAnswersJson.Read(FieldCipher.DecryptString(key, row.Payload, CheckInStore.Binding(userId, row.Id)));
        }
        catch (JsonException ex)
        {
            throw new RecordDecryptionException(ex);
        }
    }
}
