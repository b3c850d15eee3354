using HealingCompass.Data.Encryption;
using HealingCompass.Data.Journal;
using HealingCompass.Domain.CheckIns;
using HealingCompass.Domain.Journal;
using HealingCompass.Web.Components.CheckIns;

namespace HealingCompass.Web.Components.Journal;

/// <summary>
/// The journal's rising-pattern rule as the check-ins' loop back to safety reads it. Only whether the pattern
/// rises today: the loop keeps its own "once, dismissible", apart from the journal page's own offer.
/// </summary>
internal sealed class JournalRisingSignal(JournalStore journal, CheckInClock clock) : IJournalSignal
{
    public async Task<bool> IsRisingAsync(string userId, DataKey key, CancellationToken cancellationToken = default) =>
        RisingPattern.IsRising(
            await journal.PatternEntriesAsync(userId, key, cancellationToken),
            DateOnly.FromDateTime(clock.Now.UtcDateTime));
}
