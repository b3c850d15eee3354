namespace HealingCompass.Domain.Assessment;

/// <summary>Question and option IDs the engine's rules name directly; the question bank must define each.</summary>
public static class SignalIds
{
    public const string Relationship = "context.relationship";
    public const string Status = "context.status";
    public const string Wants = "context.wants";

    /// <summary>The questions of patterns the person may have noticed; what they tick is said back in the result.</summary>
    public static IReadOnlyList<string> PatternQuestions { get; } = ["patterns.early", "patterns.ongoing"];

    public const string StatusNoContact = "status.no_contact";
    public const string StatusLessContact = "status.less_contact";
    public const string WantLeave = "want.leave";
    public const string WantAlreadyLeft = "want.already_left";

    /// <summary>Age bands and threats used to control: they fit steps to the person and point to the lines that serve them.</summary>
    public const string AgeUnder18 = "age.under_18";
    public const string Age65Plus = "age.65_plus";
    public const string ThreatToExpose = "pattern.threat_to_expose";
    public const string ImmigrationThreat = "pattern.immigration_threat";
    public const string ImmigrationBarrier = "barrier.immigration";

    public const string FactorAccountability = "factor.accountability";

    /// <summary>The safety rule that recognises coercive control; while it holds, joint work is not advised.</summary>
    public const string CoerciveControlRule = "rule.coercive_control";

    /// <summary>Options whose IDs start with this prefix are signs of emotional neglect.</summary>
    public const string NeglectPrefix = "neglect.";

    public static IReadOnlyList<string> RequiredSignals { get; } =
        [StatusNoContact, StatusLessContact, WantLeave, WantAlreadyLeft, AgeUnder18, Age65Plus, ThreatToExpose, ImmigrationThreat, ImmigrationBarrier];

    public static IReadOnlyList<string> RequiredQuestions { get; } = [Relationship, Status, Wants, .. PatternQuestions];
}
