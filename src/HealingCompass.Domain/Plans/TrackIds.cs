namespace HealingCompass.Domain.Plans;

/// <summary>The stable IDs of the tracks the engine reasons about; plans.json must define each.</summary>
public static class TrackIds
{
    public const string PersonalHealing = "track.personal_healing";
    public const string RelationalRepair = "track.relational_repair";
    public const string SafetyPlanning = "track.safety_planning";
    public const string LeavingSafely = "track.leaving_safely";
    public const string NoContact = "track.no_contact";
    public const string AfterLeaving = "track.after_leaving";
    public const string SelfNurturing = "track.self_nurturing";

    public static IReadOnlyList<string> All { get; } =
        [PersonalHealing, RelationalRepair, SafetyPlanning, LeavingSafely, NoContact, AfterLeaving, SelfNurturing];
}
