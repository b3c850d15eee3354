using HealingCompass.Domain.Resources;

namespace HealingCompass.Web.Resources;

/// <summary>
/// The region the person picked for support contacts. Chosen by them, never guessed from their address,
/// and kept only for this visit.
/// </summary>
public sealed class RegionChoice(ResourceDirectory directory)
{
    public string? RegionId { get; private set; }

    public bool HasChosen => RegionId is not null;

    public Region Region => directory.GetRegionOrGeneric(RegionId);

    public event Action? Changed;

    public void Choose(string? regionId)
    {
        RegionId = regionId is not null && directory.TryGetRegion(regionId, out _) ? regionId : null;
        Changed?.Invoke();
    }
}
