using System.Globalization;

namespace HealingCompass.Domain.Journal.Evidence;

/// <summary>
/// The days an export is for, both ends included; either end may be open. An entry belongs to the period when the
/// days it happened overlap it, or, when the person gave no day, when it was first written in it. The chain is never
/// cut: versions of other entries stay in the export with their hashes, only without their words.
/// </summary>
public sealed record ExportPeriod(DateOnly? From, DateOnly? To)
{
    public bool IsWhole => From is null && To is null;

    /// <summary>A period from the two days a person chose, or null for the whole journal; from after to is swapped.</summary>
    public static ExportPeriod? Of(DateOnly? from, DateOnly? to)
    {
        if (from is null && to is null)
        {
            return null;
        }
        return from is { } f && to is { } t && f > t ? new ExportPeriod(t, f) : new ExportPeriod(from, to);
    }

    public bool Includes(HappenedAt? happened, DateOnly firstWritten) =>
        happened?.Overlaps(From, To) ?? ((From is null || firstWritten >= From) && (To is null || firstWritten <= To));

    /// <summary>Plain words, e.g. "1 March 2026 to 31 March 2026", "from 1 March 2026", "up to 31 March 2026".</summary>
    public string Describe() => (From, To) switch
    {
        ({ } f, { } t) => $"{Day(f)} to {Day(t)}",
        ({ } f, null) => $"from {Day(f)}",
        (null, { } t) => $"up to {Day(t)}",
        _ => "the whole journal",
    };

    public static string Describe(ExportPeriod? period) => period?.Describe() ?? "the whole journal";

    private static string Day(DateOnly day) => day.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
}
