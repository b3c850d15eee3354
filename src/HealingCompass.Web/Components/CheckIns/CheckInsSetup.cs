using HealingCompass.Web.Components.Journal;
using HealingCompass.Web.Components.Plans;

namespace HealingCompass.Web.Components.CheckIns;

/// <summary>How the kept plan, check-ins and progress register themselves.</summary>
public static class CheckInsSetup
{
    public static IServiceCollection AddCheckIns(this IServiceCollection services)
    {
        services.AddSingleton<PersonalData>();
        services.AddSingleton<CheckInOverviews>();
        services.AddSingleton<IJournalSignal, JournalRisingSignal>();
        services.AddScoped<PlanKeeper>();
        return services;
    }
}
