namespace HealingCompass.Domain.Journal;

/// <summary>
/// When it happened, as the person knows it: a day, optionally a time of day, optionally "about" (not sure of
/// the exact day), or a range of days for a series of incidents. Kept apart from when it was written, which the
/// server sets.
/// </summary>
/// <param name="Start">The day it happened, or the first day of a series.</param>
/// <param name="Time">The time of day, if known (only for a single day).</param>
/// <param name="IsApproximate">"About": the person is not sure of the exact day.</param>
/// <param name="End">The last day of a series; null for a single day.</param>
public sealed record HappenedAt(DateOnly Start, TimeOnly? Time = null, bool IsApproximate = false, DateOnly? End = null)
{
    public bool IsRange => End is not null && End != Start;

    /// <summary>The last day it covers.</summary>
    public DateOnly LastDay => End ?? Start;

    /// <summary>True when any day of it falls between <paramref name="from"/> and <paramref name="to"/> (inclusive).</summary>
    public bool Overlaps(DateOnly? from, DateOnly? to) => (from is null || LastDay >= from) && (to is null || Start <= to);

    /// <summary>Plain words, e.g. "about 3 March 2026", "3 March 2026 at 21:40", "1–14 March 2026".</summary>
    public string Describe()
    {
        var prefix = IsApproximate ? "about " : "";
        if (IsRange)
        {
            return $"{prefix}{Day(Start)} to {Day(LastDay)}";
        }
        var time = Time is { } t ? $" at {t:HH\\:mm}" : "";
        return $"{prefix}{Day(Start)}{time}";
    }

    private static string Day(DateOnly day) => day.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture);
}
