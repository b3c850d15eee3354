using System.Text.Json.Serialization;

namespace HealingCompass.Data.Plans;

/// <summary>What a kept plan stores (encrypted): enough to rebuild it from the person's answers and to schedule check-ins.</summary>
/// <param name="ContentVersion">The content version the plan was built against; a newer one is offered, never forced.</param>
/// <param name="ChosenTracks">The tracks the person chose.</param>
/// <param name="CheckInDay">The day of the week they check in.</param>
/// <param name="TimeZoneId">Their time zone (IANA ID), so a week is their week.</param>
/// <param name="KeptSince">The person's date the plan was first kept: nothing is due before it.</param>
/// <param name="SafetyOfferHandledWeek">The check-in week for which the safety offer was last shown or dismissed.</param>
public sealed record PlanSettings(
    string ContentVersion,
    IReadOnlyList<string> ChosenTracks,
    DayOfWeek CheckInDay,
    string TimeZoneId,
    DateOnly KeptSince,
    DateOnly? SafetyOfferHandledWeek);

/// <summary>A commitment's encrypted part: the step it came from (if any) and its wording as the person keeps it.</summary>
public sealed record CommitmentText(string? StepId, string Title, string Text, string ContentVersion);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(PlanSettings))]
[JsonSerializable(typeof(CommitmentText))]
internal sealed partial class PlanJsonContext : JsonSerializerContext;
