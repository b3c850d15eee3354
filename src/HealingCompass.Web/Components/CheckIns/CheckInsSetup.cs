using HealingCompass.Web.Components.Plans;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HealingCompass.Web.Components.CheckIns;

/// <summary>How the kept plan, check-ins and progress register themselves.</summary>
public static class CheckInsSetup
{
    public static IServiceCollection AddCheckIns(this IServiceCollection services)
    {
        services.AddSingleton<PersonalData>();
        services.AddSingleton<CheckInOverviews>();
        services.TryAddSingleton<IJournalSignal, NoJournalSignal>(); // the journal registers the real one
        services.AddScoped<PlanKeeper>();
        return services;
    }
}
