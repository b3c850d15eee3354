using System.Security.Cryptography;
using System.Text.Json;
using HealingCompass.Web.Accounts;
using Microsoft.AspNetCore.Components.Server.ProtectedBrowserStorage;
using Microsoft.JSInterop;

namespace HealingCompass.Web.Assessment;

/// <summary>
/// Keeps this visit in the browser tab's own session storage, encrypted with the server's Data Protection
/// keys, so a reload, the browser's Back, signing in or a server restart bring the answers back in this
/// tab (ADR 5). Session storage belongs to one tab and goes when it closes; quick exit clears it
/// (quick-exit.js), and so does starting again. Once a signed-in person saves to their account, the
/// account's encrypted draft holds the answers instead and the tab's copy is removed.
/// </summary>
public sealed partial class VisitKeeper : IDisposable
{
    /// <summary>
    /// A copy left untouched longer than this is not brought back: a tab reopened from the browser's
    /// history later (which restores its session storage) starts empty.
    /// </summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromHours(1);

    internal const string StorageKey = "hc.visit";

    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(10);

    private readonly AssessmentSession session;
    private readonly DraftKeeper drafts;
    private readonly AccountAccess access;
    private readonly ProtectedSessionStorage storage;
    private readonly TimeProvider time;
    private readonly ILogger<VisitKeeper> logger;
    private readonly SemaphoreSlim gate = new(1, 1);
    private Task<bool>? restore;
    private bool keeping;

    public VisitKeeper(AssessmentSession session, DraftKeeper drafts, AccountAccess access, ProtectedSessionStorage storage,
        TimeProvider time, ILogger<VisitKeeper> logger)
    {
        this.session = session;
        this.drafts = drafts;
        this.access = access;
        this.storage = storage;
        this.time = time;
        this.logger = logger;
    }

    /// <summary>True when this visit's answers came back from the tab (after a reload, restart or sign-in).</summary>
    public bool WasRestored { get; private set; }

    /// <summary>
    /// Once per circuit, before any page reads the session: brings back what this tab kept, then keeps
    /// every later change. Needs the live circuit (browser storage is read through JS interop).
    /// </summary>
    public Task<bool> RestoreAsync() => restore ??= RestoreOnceAsync();

    private async Task<bool> RestoreOnceAsync()
    {
        try
        {
            var state = await access.GetStateAsync();
            // A locked account shows nothing until its password is given, including what this tab kept.
            if (state.IsSignedIn && !state.IsUnlocked || !session.IsBlank)
            {
                return false;
            }
            // The pages wait for this: never leave them blank for long if the tab does not answer.
            var stored = await storage.GetAsync<StoredVisit>(StorageKey).AsTask().WaitAsync(ReadTimeout, time);
            if (!stored.Success || stored.Value is null)
            {
                return false;
            }
            var age = time.GetUtcNow() - stored.Value.KeptAt;
            if (age > MaxAge || age < -MaxAge || !session.Restore(stored.Value.Visit))
            {
                await storage.DeleteAsync(StorageKey);
                return false;
            }
            WasRestored = true;
            return true;
        }
        catch (Exception ex) when (ex is CryptographicException or JsonException or JSException or JSDisconnectedException or InvalidOperationException or TaskCanceledException or TimeoutException)
        {
            // Unreadable (e.g. the server's keys changed) or the tab went away: start empty, say nothing of content.
            LogRestoreFailed(logger, ex.GetType().Name);
            return false;
        }
        finally
        {
            keeping = true;
            session.Changed += OnChanged;
            drafts.Changed += OnChanged;
        }
    }

    private void OnChanged() => _ = KeepAsync();

    /// <summary>Writes the visit as it is now, or removes the tab's copy when there is nothing to keep here.</summary>
    internal async Task KeepAsync()
    {
        if (!keeping)
        {
            return;
        }
        await gate.WaitAsync();
        try
        {
            var state = await access.GetStateAsync();
            if (session.IsBlank || drafts.IsSaving || state.IsSignedIn && !state.IsUnlocked)
            {
                await storage.DeleteAsync(StorageKey);
            }
            else
            {
                await storage.SetAsync(StorageKey, new StoredVisit(session.TakeSnapshot(), time.GetUtcNow()));
            }
        }
        catch (Exception ex) when (ex is JSException or JSDisconnectedException or InvalidOperationException or TaskCanceledException or ObjectDisposedException)
        {
            LogKeepFailed(logger, ex.GetType().Name);
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose()
    {
        session.Changed -= OnChanged;
        drafts.Changed -= OnChanged;
        keeping = false;
    }

    internal sealed record StoredVisit(VisitSnapshot Visit, DateTimeOffset KeptAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "This tab's kept visit could not be brought back: {ErrorType}")]
    private static partial void LogRestoreFailed(ILogger logger, string errorType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "This tab's visit could not be kept: {ErrorType}")]
    private static partial void LogKeepFailed(ILogger logger, string errorType);
}
