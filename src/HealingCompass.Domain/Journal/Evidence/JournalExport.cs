using System.Text.Json;

namespace HealingCompass.Domain.Journal.Evidence;

/// <summary>
/// One version as exported in <c>journal.json</c> (format version 2, see docs/evidence-format.md). Its position in
/// the file's list is its place in the chain; <see cref="Salt"/> and <see cref="Content"/> are null once erased, and
/// for an entry outside the chosen period (<see cref="OutsidePeriod"/>), whose hashes are still there.
/// </summary>
public sealed record ExportedVersion(
    Guid EntryId,
    int VersionNumber,
    VersionKind Kind,
    long WrittenAtUnixMs,
    byte[] PreviousHash,
    byte[]? Salt,
    byte[]? Content,
    byte[] ContentDigest,
    byte[] Hash,
    bool OutsidePeriod = false);

/// <summary>
/// The head as it was at an earlier export of the same journal, so a later export can show that nothing up to it
/// was rewritten since.
/// </summary>
public sealed record EarlierHead(DateTimeOffset ExportedAt, long Length, byte[] Hash)
{
    public string Fingerprint => VersionChain.Fingerprint(Length == 0 ? null : new ChainHead(Length, Hash));
}

/// <summary>
/// A whole exported chain: every version in written order and the head as recorded; with a <see cref="Period"/>,
/// only the entries in it carry their words. <see cref="EarlierHeads"/> lists earlier exports' heads, oldest first.
/// </summary>
public sealed record JournalExport(DateTimeOffset ExportedAt, IReadOnlyList<ExportedVersion> Versions, ChainHead? Head, ExportPeriod? Period = null, IReadOnlyList<EarlierHead>? EarlierHeads = null)
{
    /// <summary>Written today. Format 1 (no period, no earlier heads) is still read.</summary>
    public const int FormatVersion = 2;

    public const int OldestReadableFormat = 1;

    public const string FileName = "journal.json";

    /// <summary>The head fingerprint a person notes down (the same as the journal page shows).</summary>
    public string Fingerprint => VersionChain.Fingerprint(Head);

    public IReadOnlyList<EarlierHead> Earlier => EarlierHeads ?? [];
}

/// <summary>Writes and reads <c>journal.json</c>. Hashes as lowercase hex, salt and content as base64.</summary>
public static class JournalExportJson
{
    /// <summary>Bigger than any real journal of text; a file past it is refused before parsing.</summary>
    public const int MaxBytes = 16 * 1024 * 1024;

    public static byte[] Write(JournalExport export)
    {
        ArgumentNullException.ThrowIfNull(export);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("formatVersion", JournalExport.FormatVersion);
            json.WriteString("exportedAt", Instant(export.ExportedAt));
            json.WriteString("hashAlgorithm", "SHA-256");
            json.WriteStartObject("head");
            json.WriteNumber("length", export.Head?.Length ?? 0);
            json.WriteString("hash", Hex(export.Head?.Hash ?? VersionChain.Genesis));
            json.WriteString("fingerprint", export.Fingerprint);
            json.WriteEndObject();
            if (export.Period is { } period)
            {
                json.WriteStartObject("period");
                WriteDayOrNull(json, "from", period.From);
                WriteDayOrNull(json, "to", period.To);
                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("period");
            }
            json.WriteStartArray("earlierExports");
            foreach (var earlier in export.Earlier)
            {
                json.WriteStartObject();
                json.WriteString("exportedAt", Instant(earlier.ExportedAt));
                json.WriteNumber("length", earlier.Length);
                json.WriteString("hash", Hex(earlier.Hash));
                json.WriteString("fingerprint", earlier.Fingerprint);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("versions");
            foreach (var v in export.Versions)
            {
                json.WriteStartObject();
                json.WriteString("entryId", v.EntryId.ToString("D"));
                json.WriteNumber("versionNumber", v.VersionNumber);
                json.WriteString("kind", KindName(v.Kind));
                json.WriteNumber("writtenAtUnixMs", v.WrittenAtUnixMs);
                json.WriteString("previousHash", Hex(v.PreviousHash));
                WriteBase64OrNull(json, "salt", v.Salt);
                WriteBase64OrNull(json, "content", v.Content);
                json.WriteString("contentDigest", Hex(v.ContentDigest));
                json.WriteString("hash", Hex(v.Hash));
                json.WriteBoolean("outsidePeriod", v.OutsidePeriod);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    /// <summary>Reads an export; never throws on bad input, and says kindly what is wrong instead.</summary>
    public static ExportReadResult Read(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length == 0)
        {
            return ExportReadResult.Problem("The file is empty. Please choose the journal.json (or the ZIP) that the app exported.");
        }
        if (bytes.Length > MaxBytes)
        {
            return ExportReadResult.Problem("The file is larger than any journal export this page can check (16 MB).");
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes.ToArray(), new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException)
        {
            return ExportReadResult.Problem("This file is not readable as a journal export: its JSON is broken or cut short.");
        }
        using (document)
        {
            try
            {
                return ReadDocument(document.RootElement);
            }
            catch (Exception ex) when (ex is FormatException or InvalidOperationException or KeyNotFoundException or OverflowException or ArgumentException)
            {
                return ExportReadResult.Problem("This file looks like a journal export, but a field is missing or has an unexpected value, so it cannot be checked.");
            }
        }
    }

    internal static string KindName(VersionKind kind) => kind switch
    {
        VersionKind.Create => "create",
        VersionKind.Edit => "edit",
        VersionKind.Remove => "remove",
        VersionKind.Erase => "erase",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static ExportReadResult ReadDocument(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("formatVersion", out var format) || format.ValueKind != JsonValueKind.Number)
        {
            return ExportReadResult.Problem("This file is not a journal export from this app (it has no format version).");
        }
        if (!format.TryGetInt32(out var formatVersion) || formatVersion < JournalExport.OldestReadableFormat || formatVersion > JournalExport.FormatVersion)
        {
            return ExportReadResult.Problem($"This export uses a format this page does not know (version {format.GetRawText()}); it checks versions {JournalExport.OldestReadableFormat} and {JournalExport.FormatVersion}.");
        }
        var headElement = root.GetProperty("head");
        var headLength = headElement.GetProperty("length").GetInt64();
        var headHash = FromHex(headElement.GetProperty("hash").GetString());
        var versions = new List<ExportedVersion>();
        foreach (var v in root.GetProperty("versions").EnumerateArray())
        {
            versions.Add(new ExportedVersion(
                Guid.ParseExact(v.GetProperty("entryId").GetString() ?? "", "D"),
                v.GetProperty("versionNumber").GetInt32(),
                ParseKind(v.GetProperty("kind").GetString()),
                v.GetProperty("writtenAtUnixMs").GetInt64(),
                FromHex(v.GetProperty("previousHash").GetString()),
                Base64OrNull(v, "salt"),
                Base64OrNull(v, "content"),
                FromHex(v.GetProperty("contentDigest").GetString()),
                FromHex(v.GetProperty("hash").GetString()),
                // Format 1 had no period: every version was inside it.
                formatVersion >= 2 && v.GetProperty("outsidePeriod").GetBoolean()));
        }
        ExportPeriod? period = null;
        var earlier = new List<EarlierHead>();
        if (formatVersion >= 2)
        {
            var p = root.GetProperty("period");
            if (p.ValueKind != JsonValueKind.Null)
            {
                period = new ExportPeriod(DayOrNull(p, "from"), DayOrNull(p, "to"));
            }
            foreach (var e in root.GetProperty("earlierExports").EnumerateArray())
            {
                var earlierAt = DateTimeOffset.Parse(e.GetProperty("exportedAt").GetString() ?? throw new FormatException(), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal);
                earlier.Add(new EarlierHead(earlierAt, e.GetProperty("length").GetInt64(), FromHex(e.GetProperty("hash").GetString())));
            }
        }
        var exportedAt = root.TryGetProperty("exportedAt", out var at) && at.ValueKind == JsonValueKind.String && DateTimeOffset.TryParse(at.GetString(), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var parsed) ? parsed : DateTimeOffset.UnixEpoch;
        var head = headLength == 0 && versions.Count == 0 ? null : new ChainHead(headLength, headHash);
        return new ExportReadResult(new JournalExport(exportedAt, versions, head, period, earlier), null);
    }

    private static VersionKind ParseKind(string? name) => name switch
    {
        "create" => VersionKind.Create,
        "edit" => VersionKind.Edit,
        "remove" => VersionKind.Remove,
        "erase" => VersionKind.Erase,
        _ => throw new FormatException("unknown kind"),
    };

    private static byte[]? Base64OrNull(JsonElement v, string name)
    {
        var value = v.GetProperty(name);
        return value.ValueKind == JsonValueKind.Null ? null : Convert.FromBase64String(value.GetString() ?? throw new FormatException());
    }

    private static void WriteBase64OrNull(Utf8JsonWriter json, string name, byte[]? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, Convert.ToBase64String(value));
        }
    }

    private static string Instant(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture);

    private static void WriteDayOrNull(Utf8JsonWriter json, string name, DateOnly? day)
    {
        if (day is { } d)
        {
            json.WriteString(name, d.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static DateOnly? DayOrNull(JsonElement element, string name)
    {
        var value = element.GetProperty(name);
        return value.ValueKind == JsonValueKind.Null ? null : DateOnly.ParseExact(value.GetString() ?? throw new FormatException(), "O", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string Hex(byte[] value) => Convert.ToHexStringLower(value);

    private static byte[] FromHex(string? value) => Convert.FromHexString(value ?? throw new FormatException());
}

/// <summary>Either a parsed export or a kind sentence saying why the file could not be read.</summary>
public sealed record ExportReadResult(JournalExport? Export, string? ProblemMessage)
{
    public static ExportReadResult Problem(string message) => new(null, message);
}
