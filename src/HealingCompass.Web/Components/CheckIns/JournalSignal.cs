using HealingCompass.Data.Encryption;

namespace HealingCompass.Web.Components.CheckIns;

/// <summary>
/// The journal's rising-pattern signal, as the loop back to safety reads it. The journal (issue 10) owns the rule
/// and registers its own implementation; until then this says no.
/// </summary>
public interface IJournalSignal
{
    Task<bool> IsRisingAsync(string userId, DataKey key, CancellationToken cancellationToken = default);
}

internal sealed class NoJournalSignal : IJournalSignal
{
    public Task<bool> IsRisingAsync(string userId, DataKey key, CancellationToken cancellationToken = default) => Task.FromResult(false);
}
