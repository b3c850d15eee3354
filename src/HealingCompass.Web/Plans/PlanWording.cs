using HealingCompass.Domain.Content;

namespace HealingCompass.Web.Plans;

/// <summary>Short labels for plan steps and timeline markers.</summary>
public static class PlanWording
{
    public static string Kind(StepKind kind) => kind switch
    {
        StepKind.Exercise => "Exercise",
        StepKind.Tool => "Communication tool",
        _ => "Step",
    };

    public static string Cadence(Cadence cadence) => cadence switch
    {
        Domain.Content.Cadence.Daily => "Every day",
        Domain.Content.Cadence.Weekly => "Every week",
        Domain.Content.Cadence.Monthly => "Every month",
        _ => "Once",
    };

    public static string Horizon(Horizon horizon) => horizon switch
    {
        Domain.Content.Horizon.Weeks => "In the first weeks",
        Domain.Content.Horizon.Months => "Over the coming months",
        _ => "Over the longer run",
    };
}
