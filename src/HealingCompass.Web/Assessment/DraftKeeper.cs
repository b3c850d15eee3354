using HealingCompass.Data.Assessments;
using HealingCompass.Data.Encryption;
using HealingCompass.Web.Accounts;

namespace HealingCompass.Web.Assessment;

/// <summary>
/// Keeps a signed-in person's assessment saved as they go, once they have chosen to save it. Every
/// save is encrypted with their data key; when the data is locked, saving waits for them to unlock.
/// </summary>
public sealed partial class DraftKeeper : IDisposable
{
    private readonly AssessmentSession session;
    private readonly AccountAccess access;
    private readonly SavedAssessmentStore store;
    private readonly ILogger<DraftKeeper> logger;
    private readonly SemaphoreSlim gate = new(1, 1);
    private bool resumeChecked;

    public DraftKeeper(AssessmentSession session, AccountAccess access, SavedAssessmentStore store, ILogger<DraftKeeper> logger)
    {
        this.session = session;
        this.access = access;
        this.store = store;
        this.logger = logger;
        session.Changed += OnSessionChanged;
    }

    /// <summary>True once the person chose to save; later changes save by themselves.</summary>
    public bool IsSaving { get; private set; }

    /// <summary>True when the last save could not happen because the saved data is locked.</summary>
    public bool IsLocked { get; private set; }

    public DateTimeOffset? LastSaved { get; private set; }

    /// <summary>
    /// True when the person's saved draft could not be opened (moved, copied or changed outside the app).
    /// Saving stays off, so it is never overwritten, until they choose to replace it or delete it.
    /// </summary>
    public bool HasUnreadableDraft { get; private set; }

    public event Action? Changed;

    public Task<AccountState> GetStateAsync() => access.GetStateAsync();

    /// <summary>Once per visit: if the person has a draft and this visit is empty, bring the draft back.</summary>
    public async Task<bool> TryResumeAsync()
    {
        if (resumeChecked || !session.Answers.IsEmpty)
        {
            return false;
        }
        return await OpenSavedDraftAsync();
    }

    /// <summary>True when the signed-in person already has a saved draft (readable or not), so saving would replace it.</summary>
    public async Task<bool> HasSavedDraftAsync()
    {
        var state = await access.GetStateAsync();
        if (!state.IsSignedIn || !access.TryGetKey(state, out var key))
        {
            return false;
        }
        try
        {
            return await store.LoadDraftAsync(state.UserId!, key) is not null;
        }
        catch (RecordDecryptionException)
        {
            return true;
        }
    }

    /// <summary>On the person's request (or once per visit, above): replaces this visit's answers with their saved draft and keeps saving.</summary>
    public async Task<bool> OpenSavedDraftAsync()
    {
        resumeChecked = true;
        var state = await access.GetStateAsync();
        if (!state.IsSignedIn || !access.TryGetKey(state, out var key))
        {
            return false;
        }
        try
        {
            var draft = await store.LoadDraftAsync(state.UserId!, key);
            if (draft is null)
            {
                return false;
            }
            IsSaving = true;
            session.Resume(draft);
            return true;
        }
        catch (RecordDecryptionException)
        {
            // A draft that cannot be opened is left alone rather than overwritten; the person is told and chooses.
            LogDraftUnreadable(logger);
            HasUnreadableDraft = true;
            Changed?.Invoke();
            return false;
        }
    }

    /// <summary>Starts saving, unless a saved draft that cannot be opened would be overwritten by it.</summary>
    public async Task StartSavingAsync()
    {
        if (await FindUnreadableDraftAsync())
        {
            Changed?.Invoke();
            return;
        }
        IsSaving = true;
        await SaveAsync();
    }

    /// <summary>The person chose to put this assessment in place of the draft that could not be opened.</summary>
    public async Task ReplaceUnreadableDraftAsync()
    {
        HasUnreadableDraft = false;
        IsSaving = true;
        await SaveAsync();
    }

    /// <summary>The person chose to delete the draft that could not be opened; saving stays off until they start it.</summary>
    public async Task DeleteUnreadableDraftAsync()
    {
        var state = await access.GetStateAsync();
        if (state.IsSignedIn)
        {
            await store.DeleteDraftAsync(state.UserId!);
        }
        HasUnreadableDraft = false;
        Changed?.Invoke();
    }

    private async Task<bool> FindUnreadableDraftAsync()
    {
        var state = await access.GetStateAsync();
        if (!state.IsSignedIn || !access.TryGetKey(state, out var key))
        {
            return HasUnreadableDraft;
        }
        try
        {
            _ = await store.LoadDraftAsync(state.UserId!, key);
            HasUnreadableDraft = false;
        }
        catch (RecordDecryptionException)
        {
            LogDraftUnreadable(logger);
            HasUnreadableDraft = true;
        }
        return HasUnreadableDraft;
    }

    /// <summary>Stops saving and deletes the saved draft.</summary>
    public async Task StopSavingAsync()
    {
        IsSaving = false;
        var state = await access.GetStateAsync();
        if (state.IsSignedIn)
        {
            await store.DeleteDraftAsync(state.UserId!);
        }
        LastSaved = null;
        Changed?.Invoke();
    }

    private void OnSessionChanged()
    {
        if (IsSaving && !HasUnreadableDraft)
        {
            _ = SaveAsync();
        }
    }

    private async Task SaveAsync()
    {
        await gate.WaitAsync();
        try
        {
            var state = await access.GetStateAsync();
            if (!state.IsSignedIn)
            {
                IsSaving = false;
            }
            else if (!access.TryGetKey(state, out var key))
            {
                IsLocked = true;
            }
            else
            {
                await store.SaveDraftAsync(state.UserId!, key, session.Answers);
                IsLocked = false;
                LastSaved = DateTimeOffset.UtcNow;
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or Microsoft.EntityFrameworkCore.DbUpdateException or ObjectDisposedException)
        {
            // The message says what failed, never what was being saved.
            LogSaveFailed(logger, ex.GetType().Name);
        }
        finally
        {
            gate.Release();
        }
        Changed?.Invoke();
    }

    public void Dispose()
    {
        session.Changed -= OnSessionChanged;
        gate.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A saved draft could not be decrypted for the signed-in account.")]
    private static partial void LogDraftUnreadable(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Saving the draft failed: {ErrorType}")]
    private static partial void LogSaveFailed(ILogger logger, string errorType);
}
