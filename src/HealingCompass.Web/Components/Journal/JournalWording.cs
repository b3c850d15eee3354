using System.Globalization;
using HealingCompass.Domain.Journal;

namespace HealingCompass.Web.Components.Journal;

/// <summary>How journal facts read on screen.</summary>
public static class JournalWording
{
    public static string When(DateTimeOffset at) => at.UtcDateTime.ToString("d MMMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    public static string Happened(EntryContent content) => content.Happened?.Describe() ?? "Date not given";

    public static string Edited(int times) => times switch
    {
        0 => "Not edited",
        1 => "Edited once",
        _ => $"Edited {times} times",
    };

    /// <summary>The first words, for the list; the whole text is on the entry's page.</summary>
    public static string Excerpt(string text, int length = 180) =>
        text.Length <= length ? text : string.Concat(text.AsSpan(0, length).TrimEnd(), "…");

    public static string Kind(VersionKind kind) => kind switch
    {
        VersionKind.Create => "Written",
        VersionKind.Edit => "Edited",
        VersionKind.Remove => "Removed from the journal",
        VersionKind.Erase => "Erased for good",
        _ => "Changed",
    };
}
