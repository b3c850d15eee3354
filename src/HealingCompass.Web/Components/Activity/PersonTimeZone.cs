using HealingCompass.Data.Encryption;
using HealingCompass.Data.Plans;

namespace HealingCompass.Web.Components.Activity;

/// <summary>
/// The person's own time zone when the app knows it: the one their kept plan's check-ins use, which is encrypted,
/// so it is known only while their data is unlocked. Otherwise null, and times are shown in UTC, said plainly.
/// </summary>
public sealed class PersonTimeZone(PlanStore plans)
{
    public async Task<TimeZoneInfo?> FindAsync(string userId, DataKey? key, CancellationToken cancellationToken = default)
    {
        if (key is null)
        {
            return null;
        }
        try
        {
            var plan = await plans.LoadAsync(userId, key, cancellationToken);
            return plan is not null && TimeZoneInfo.TryFindSystemTimeZoneById(plan.Settings.TimeZoneId, out var zone) ? zone : null;
        }
        catch (RecordDecryptionException)
        {
            // A plan that does not open says nothing reliable about where the person is: UTC, said plainly.
            return null;
        }
    }
}
