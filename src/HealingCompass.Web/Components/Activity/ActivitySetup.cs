namespace HealingCompass.Web.Components.Activity;

/// <summary>How the account activity log, its sweep and its page register themselves.</summary>
public static class ActivitySetup
{
    public const string PagePath = "/account/activity";

    public static IServiceCollection AddActivity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ActivityOptions>()
            .Bind(configuration.GetSection(ActivityOptions.SectionName))
            .Validate(o => o.KeepFor > TimeSpan.Zero && o.SweepEvery > TimeSpan.Zero && o.PageSize > 0, "Activity:KeepFor, SweepEvery and PageSize must be positive.")
            .ValidateOnStart();
        services.AddSingleton<ActivityLog>();
        services.AddSingleton<SignInNotice>();
        services.AddSingleton<PersonTimeZone>();
        services.AddSingleton<ActivitySweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<ActivitySweeper>());
        return services;
    }
}
