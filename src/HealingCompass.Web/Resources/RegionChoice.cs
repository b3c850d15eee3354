using HealingCompass.Domain.Resources;

namespace HealingCompass.Web.Resources;

/// <summary>
/// The region for support contacts in this visit: the one the person picked, or until then the likely one
/// from the languages their browser already sends with every request (<c>Accept-Language</c>). Never looked
/// up from their address, and kept nowhere beyond this visit.
/// </summary>
public sealed class RegionChoice(ResourceDirectory directory)
{
    private string? chosenId;
    private string? likelyId;

    /// <summary>The region shown: the chosen one, else the likely one, else null (the generic region).</summary>
    public string? RegionId => chosenId ?? likelyId;

    /// <summary>Whether the person picked a region themselves.</summary>
    public bool HasChosen => chosenId is not null;

    /// <summary>Whether the region shown is only a guess from the browser's languages, to be offered for change.</summary>
    public bool IsGuess => chosenId is null && likelyId is not null;

    public Region Region => directory.GetRegionOrGeneric(RegionId);

    public event Action? Changed;

    public void Choose(string? regionId)
    {
        chosenId = regionId is not null && directory.TryGetRegion(regionId, out _) ? regionId : null;
        // Choosing "Choose a country" again means the guess was wrong: do not fall back to it.
        if (chosenId is null)
        {
            likelyId = null;
        }
        Changed?.Invoke();
    }

    /// <summary>Sets the likely region from an <c>Accept-Language</c> value, unless the person has chosen already.</summary>
    public void Suggest(string? acceptLanguage)
    {
        if (chosenId is not null || likelyId is not null)
        {
            return;
        }
        likelyId = directory.LikelyRegion(acceptLanguage)?.Id;
    }
}
