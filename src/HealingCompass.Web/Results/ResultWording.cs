using HealingCompass.Domain.Assessment;
using HealingCompass.Domain.Content;
using HealingCompass.Domain.Plans;

namespace HealingCompass.Web.Results;

/// <summary>Short labels for the result's enums. The explanations themselves come from the content.</summary>
public static class ResultWording
{
    public static string SafetyHeading(SafetyLevel level) => level switch
    {
        SafetyLevel.Immediate => "You may be in danger now",
        SafetyLevel.High => "Signs of serious risk",
        SafetyLevel.Concern => "Some reasons to keep safety in view",
        _ => "No signs of physical danger in your answers",
    };

    public static string Band(RepairabilityBand band) => band switch
    {
        RepairabilityBand.Hopeful => "Much of what repair rests on is there",
        RepairabilityBand.Mixed => "A mixed picture",
        RepairabilityBand.Low => "Little of what repair rests on is there right now",
        _ => "Not enough answers yet",
    };

    public static string Status(TrackStatus status) => status switch
    {
        TrackStatus.Recommended => "Fits your answers",
        TrackStatus.NotAdvised => "Not advised right now",
        _ => "Open to you",
    };

    public static string Score(int? score) => score is { } s ? $"{s} out of 100" : "Not enough answers";
}
