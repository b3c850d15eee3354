using HealingCompass.Data.Encryption;

namespace HealingCompass.Web.Components.CheckIns;

/// <summary>
/// The journal's rising-pattern signal, as the loop back to safety reads it. The journal owns the rule
/// (<see cref="Journal.JournalRisingSignal"/>).
/// </summary>
public interface IJournalSignal
{
    Task<bool> IsRisingAsync(string userId, DataKey key, CancellationToken cancellationToken = default);
}
