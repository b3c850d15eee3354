namespace HealingCompass.Domain.Content;

/// <summary>
/// The IDs of the sentences the engine explains itself with. The words live in messages.json;
/// load fails if any of these is missing, so code and content cannot drift apart.
/// </summary>
public static class MessageIds
{
    public const string SafetyNone = "safety.summary.none";
    public const string SafetyConcern = "safety.summary.concern";
    public const string SafetyHigh = "safety.summary.high";
    public const string SafetyImmediate = "safety.summary.immediate";
    public const string SafetyMissing = "safety.missing";
    public const string SafetyNotShared = "safety.not_shared";
    public const string SafetyUnsure = "safety.unsure";
    public const string SafetyNoneWithSigns = "safety.summary.none_with_signs";
    public const string SafetyNoticed = "safety.noticed";

    public const string FactorUnscored = "factor.unscored";
    public const string FactorLow = "factor.low";
    public const string FactorMixed = "factor.mixed";
    public const string FactorHigh = "factor.high";

    public const string RepairUnknown = "repair.unknown";
    public const string RepairLow = "repair.low";
    public const string RepairMixed = "repair.mixed";
    public const string RepairHopeful = "repair.hopeful";
    public const string RepairCappedBySafety = "repair.capped_by_safety";
    public const string RepairSafetyFirst = "repair.safety_first";
    public const string RepairCanChange = "repair.can_change";
    public const string RepairNotDiagnosis = "repair.not_a_diagnosis";
    public const string ConfidenceLow = "confidence.low";
    public const string ConfidenceMedium = "confidence.medium";
    public const string ConfidenceHigh = "confidence.high";

    public const string CouplesCounsellingNotAdvised = "couples.not_advised";

    public const string TrackPersonalAlways = "track.reason.personal_always";
    public const string TrackSafetyDanger = "track.reason.safety_danger";
    public const string TrackSafetyConcern = "track.reason.safety_concern";
    public const string TrackSafetyOffered = "track.reason.safety_offered";
    public const string TrackRepairRecommended = "track.reason.repair_recommended";
    public const string TrackRepairWithConcern = "track.reason.repair_with_concern";
    public const string TrackRepairNotAdvised = "track.reason.repair_not_advised";
    public const string TrackRepairNotAdvisedControl = "track.reason.repair_not_advised_control";
    public const string TrackRepairNeedsAccountability = "track.reason.repair_needs_accountability";
    public const string TrackRepairPersonWantsOther = "track.reason.repair_person_wants_other";
    public const string TrackLeavingOffered = "track.reason.leaving_offered";
    public const string TrackLeavingDanger = "track.reason.leaving_danger";
    public const string TrackNoContactOffered = "track.reason.no_contact_offered";
    public const string TrackNoContactDanger = "track.reason.no_contact_danger";
    public const string TrackAfterLeavingRecommended = "track.reason.after_leaving_recommended";
    public const string TrackAfterLeavingOffered = "track.reason.after_leaving_offered";
    public const string TrackNurtureNoticed = "track.reason.nurture_noticed";
    public const string TrackNurtureOffered = "track.reason.nurture_offered";

    public const string PlanSafetyFirst = "plan.safety_first";
    public const string PlanSafetyAdded = "plan.safety_added";
    public const string PlanLeavingIsSafetyPlan = "plan.leaving_is_safety_plan";
    public const string PlanRepairHeldBack = "plan.repair_held_back";
    public const string PlanRepairHeldBackControl = "plan.repair_held_back_control";
    public const string PlanUnknownTrack = "plan.unknown_track";
    public const string PlanYouDecide = "plan.you_decide";

    public const string AnswersEmpty = "answers.empty";
    public const string AnswersNotJson = "answers.not_json";
    public const string AnswersTooLarge = "answers.too_large";
    public const string AnswersWrongFormat = "answers.wrong_format";
    public const string AnswersWrongVersion = "answers.wrong_version";
    public const string AnswersUnknownQuestion = "answers.unknown_question";
    public const string AnswersUnknownOption = "answers.unknown_option";
    public const string AnswersOutOfRange = "answers.out_of_range";
    public const string AnswersWrongType = "answers.wrong_type";
    public const string AnswersTooLong = "answers.too_long";
    public const string AnswersMissingSafety = "answers.missing_safety";
    public const string AnswersDuplicateOption = "answers.duplicate_option";
    public const string AnswersNothingLost = "answers.nothing_lost";

    // The page for someone worried about their own behaviour: what helps, never a plan that casts them as the one harmed.
    public const string OwnTitle = "own.title";
    public const string OwnIntro = "own.intro";
    public const string OwnNow = "own.now";
    public const string OwnAccountabilityTitle = "own.accountability.title";
    public const string OwnAccountability1 = "own.accountability.1";
    public const string OwnAccountability2 = "own.accountability.2";
    public const string OwnAccountability3 = "own.accountability.3";
    public const string OwnAccountability4 = "own.accountability.4";
    public const string OwnAccountability5 = "own.accountability.5";
    public const string OwnOtherSafetyTitle = "own.other_safety.title";
    public const string OwnOtherSafety1 = "own.other_safety.1";
    public const string OwnOtherSafety2 = "own.other_safety.2";
    public const string OwnOtherSafety3 = "own.other_safety.3";
    public const string OwnOtherSafety4 = "own.other_safety.4";
    public const string OwnServicesTitle = "own.services.title";
    public const string OwnServicesIntro = "own.services.intro";
    public const string OwnServicesNone = "own.services.none";
    public const string OwnBothHurt = "own.both_hurt";
    public const string OwnNotTherapy = "own.not_therapy";

    public static IReadOnlyList<string> OwnAccountability { get; } =
        [OwnAccountability1, OwnAccountability2, OwnAccountability3, OwnAccountability4, OwnAccountability5];

    public static IReadOnlyList<string> OwnOtherSafety { get; } = [OwnOtherSafety1, OwnOtherSafety2, OwnOtherSafety3, OwnOtherSafety4];

    // Support lines that fit what the person shared, on the plan; and whom each line serves.
    public const string FitTitle = "fit.title";
    public const string FitIntro = "fit.intro";
    public const string FitNone = "fit.none";
    public const string FitEveryone = "fit.audience.everyone";
    public const string FitYoungPeople = "fit.audience.young_people";
    public const string FitOlderPeople = "fit.audience.older_people";
    public const string FitLgbtq = "fit.audience.lgbtq";
    public const string ServesEveryone = "serves.everyone";
    public const string ServesWomen = "serves.women";
    public const string ServesMen = "serves.men";
    public const string ServesLgbtq = "serves.lgbtq";
    public const string ServesYoungPeople = "serves.young_people";
    public const string ServesOlderPeople = "serves.older_people";
    public const string ServesBehaviourChange = "serves.behaviour_change";
    public const string ServesIndigenous = "serves.indigenous";

    /// <summary>Every ID above; checked against messages.json at load.</summary>
    public static IReadOnlyList<string> All { get; } =
        typeof(MessageIds).GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToArray();
}
