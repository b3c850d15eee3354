using System.Globalization;
using System.Text.Json;

namespace HealingCompass.Domain.MyData;

/// <summary>One part as the manifest lists it.</summary>
public sealed record ManifestPart(string Name, int? FormatVersion);

/// <summary>
/// <c>manifest.json</c>: which archive format this is and which parts it holds, each with its own format version,
/// so an import can say exactly what it does not know before it reads anything else.
/// </summary>
public sealed record MyDataManifest(DateTimeOffset ExportedAt, IReadOnlyList<ManifestPart> Parts)
{
    public const string FileName = "manifest.json";

    public const string FormatName = "healingcompass.my-data";

    public const int FormatVersion = 1;

    public static byte[] Write(MyDataManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("format", FormatName);
            json.WriteNumber("formatVersion", FormatVersion);
            json.WriteString("exportedAt", manifest.ExportedAt.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
            json.WriteStartArray("parts");
            foreach (var part in manifest.Parts)
            {
                json.WriteStartObject();
                json.WriteString("name", part.Name);
                if (part.FormatVersion is { } version)
                {
                    json.WriteNumber("formatVersion", version);
                }
                else
                {
                    json.WriteNull("formatVersion");
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    /// <summary>The manifest, or a kind sentence; never throws on bad input.</summary>
    public static (MyDataManifest? Manifest, string? Problem) Read(byte[]? bytes)
    {
        if (bytes is null)
        {
            return (null, "This ZIP has no manifest.json, so it is not an “Export everything” file from HealingCompass. (A journal-only export can be checked on the /verify page.)");
        }
        try
        {
            using var document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 8 });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.String || format.GetString() != FormatName)
            {
                return (null, "The manifest.json in this ZIP is not one HealingCompass writes, so nothing was brought in.");
            }
            if (!root.TryGetProperty("formatVersion", out var version) || version.ValueKind != JsonValueKind.Number
                || !version.TryGetInt32(out var number) || number != FormatVersion)
            {
                var shown = root.TryGetProperty("formatVersion", out var v) ? v.GetRawText() : "none";
                return (null, $"This export uses a format this server does not know (version {shown}); it brings in version {FormatVersion}. Nothing was brought in.");
            }
            var exportedAt = DateTimeOffset.Parse(root.GetProperty("exportedAt").GetString() ?? throw new FormatException(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            var parts = root.GetProperty("parts").EnumerateArray()
                .Select(p => new ManifestPart(
                    p.GetProperty("name").GetString() ?? throw new FormatException(),
                    p.GetProperty("formatVersion") is { ValueKind: JsonValueKind.Null } ? null : p.GetProperty("formatVersion").GetInt32()))
                .ToList();
            return (new MyDataManifest(exportedAt, parts), null);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or KeyNotFoundException)
        {
            return (null, "The manifest.json in this ZIP is broken or cut short, so nothing was brought in.");
        }
    }

    private static string FilesLine(int files) => files == 0
        ? ""
        : $"{Environment.NewLine}- attachments/originals/ and attachments/without-metadata/: the {files} file(s) added to journal entries, exactly as added, and copies of photos without their hidden details (the journal's versions list each original's SHA-256)";

    /// <summary>The manifest for these parts, in their order.</summary>
    public static MyDataManifest For(DateTimeOffset exportedAt, IEnumerable<ArchivePart> parts) =>
        new(exportedAt, [.. parts.Select(p => new ManifestPart(p.Name, p.FormatVersion))]);

    public static string Readme(DateTimeOffset exportedAt, string journalFingerprint, IEnumerable<string> partNames, int journalFiles = 0) =>
        $"""
        THIS FILE IS NOT ENCRYPTED.
        Anyone who opens it can read everything you kept in HealingCompass: your saved answers, your plan,
        your check-ins and every journal entry. Please keep it somewhere only you can reach, and delete
        copies you no longer need.

        What is inside
        {string.Join(Environment.NewLine, partNames.Select(n => "- " + n))}{FilesLine(journalFiles)}

        summary.pdf, when it is here, is a summary to read: your saved results, your plan, your
        check-ins and what your journal holds. journal-report.pdf is the journal's own full report.

        journal.json is the same file the journal's own export gives: anyone can check it, with the
        files under attachments/, on a HealingCompass /verify page, with no account.
        Its head fingerprint: {journalFingerprint}

        activity.json lists your account's sign-ins and changes on the server this came from. It is
        not brought into a new account: it describes the old one.

        Exported: {exportedAt.ToUniversalTime():yyyy-MM-dd HH:mm} UTC

        To bring it all into a new account on any HealingCompass server: sign in to the new (empty)
        account, open "My account", then "Bring in an export", and choose this ZIP. The formats are
        described in the app's docs/my-data-format.md.

        HealingCompass is not therapy or an emergency service.
        """;
}
