using HealingCompass.Data.Encryption;
using HealingCompass.Data.Journal;
using HealingCompass.Web.Accounts;
using Microsoft.AspNetCore.Components;

namespace HealingCompass.Web.Components.Journal;

/// <summary>Whether the journal can be shown to whoever is looking.</summary>
public enum JournalAvailability
{
    /// <summary>Prerendering, or still finding out: nothing of the journal is rendered.</summary>
    Opening,

    SignedOut,

    Locked,

    Ready,
}

/// <summary>
/// What every journal page shares: who is signed in, and the unlocked key fetched for each operation (using it
/// counts as activity, so typing keeps the auto-lock away). When the key is gone the page goes to the lock screen,
/// which shows nothing. Nothing is loaded while prerendering, so no journal text is in a page's first HTML.
/// </summary>
public abstract class JournalPageBase : ComponentBase
{
    [Inject]
    private AccountAccess Access { get; set; } = default!;

    [Inject]
    protected JournalStore Store { get; set; } = default!;

    [Inject]
    protected NavigationManager Navigation { get; set; } = default!;

    [Inject]
    protected TimeProvider Time { get; set; } = default!;

    protected JournalAvailability Availability { get; private set; } = JournalAvailability.Opening;

    protected string UserId { get; private set; } = "";

    private AccountState? state;

    /// <summary>Today on the server's calendar (UTC).</summary>
    protected DateOnly Today => DateOnly.FromDateTime(Time.GetUtcNow().UtcDateTime);

    protected override async Task OnInitializedAsync()
    {
        state = await Access.GetStateAsync();
        if (!state.IsSignedIn)
        {
            Availability = JournalAvailability.SignedOut;
            return;
        }
        if (!RendererInfo.IsInteractive)
        {
            return;
        }
        UserId = state.UserId!;
        if (!TryGetKey(out _))
        {
            return;
        }
        Availability = JournalAvailability.Ready;
        await LoadAsync();
    }

    /// <summary>Loads what the page shows, once the key is known to be unlocked.</summary>
    protected abstract Task LoadAsync();

    /// <summary>The key for one operation; false (and on to the lock screen) when it has locked.</summary>
    protected bool TryGetKey(out DataKey key)
    {
        key = default!;
        if (state is null || !Access.TryGetKey(state, out key))
        {
            Availability = JournalAvailability.Locked;
            GoToLockScreen();
            return false;
        }
        return true;
    }

    protected void GoTo(string path) => Navigation.NavigateTo(path, new NavigationOptions { ReplaceHistoryEntry = true });

    private void GoToLockScreen()
    {
        var here = "/" + Navigation.ToBaseRelativePath(Navigation.Uri);
        Navigation.NavigateTo("/account/unlock?returnUrl=" + Uri.EscapeDataString(here), new NavigationOptions { ForceLoad = true, ReplaceHistoryEntry = true });
    }
}
