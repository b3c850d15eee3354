namespace HealingCompass.Web.Components.Journal;

/// <summary>
/// The journal's addresses. One path segment each, with the entry id in the query: the app has no
/// <c>&lt;base&gt;</c> element (its policy says base-uri 'none'), so Blazor finds its endpoints relative to
/// the page, and a page two segments deep would look for them in the wrong folder after a reload. Only
/// random ids are ever in an address, never anything written.
/// </summary>
public static class JournalPaths
{
    public const string Home = "/journal";

    public const string Write = "/journal-write";

    /// <summary>The evidence ZIP download (signed in, unlocked).</summary>
    public const string Export = "/journal-export";

    /// <summary>Anyone's check of an export: no account, nothing stored.</summary>
    public const string Verify = "/verify";

    /// <summary>One attached file, decrypted for its owner (signed in, unlocked); never a static file.</summary>
    public const string File = "/journal-file";

    public static string FileOf(Guid attachmentId, bool withoutMetadata = false) =>
        withoutMetadata ? $"{File}?id={attachmentId:D}&copy=clean" : $"{File}?id={attachmentId:D}";

    public static string Entry(Guid id) => $"/journal-entry?id={id:D}";

    public static string Edit(Guid id) => $"/journal-write?id={id:D}";
}
