using HealingCompass.Domain.Content;

namespace HealingCompass.Domain.Safety;

/// <summary>One reason the safety level is what it is, in plain words.</summary>
/// <param name="SourceId">The safety question or rule that raised it.</param>
/// <param name="Level">The level it reaches on its own.</param>
/// <param name="Text">What the person told us, said back plainly.</param>
public sealed record SafetyDriver(string SourceId, SafetyLevel Level, string Text);

/// <summary>The safety level and everything that explains it.</summary>
public sealed record SafetyAssessment(
    SafetyLevel Level,
    string Summary,
    IReadOnlyList<SafetyDriver> Drivers,
    int UnansweredCount,
    int NotSharedCount,
    IReadOnlyList<string> Notes,
    bool CoerciveControl)
{
    /// <summary>High or immediate: crisis resources and safety planning come first.</summary>
    public bool IsDanger => Level >= SafetyLevel.High;

    /// <summary>
    /// Danger, or control over the person's life (coercive control is abuse even without violence):
    /// while either continues, joint work and couples counselling are not advised.
    /// </summary>
    public bool AbuseOngoing => IsDanger || CoerciveControl;
}
