namespace HealingCompass.Web.Components.Activity;

/// <summary>How long activity lines are kept (configuration section "Activity"). Documented in docs/security.md.</summary>
public sealed class ActivityOptions
{
    public const string SectionName = "Activity";

    /// <summary>Lines older than this are deleted by the sweep.</summary>
    public TimeSpan KeepFor { get; set; } = TimeSpan.FromDays(90);

    /// <summary>How often the sweep runs, on the app's clock.</summary>
    public TimeSpan SweepEvery { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The most lines the activity page shows at once (newest first); it says how many more there are.</summary>
    public int PageSize { get; set; } = 200;
}
