using System.Text.Json;

namespace HealingCompass.Domain.Journal.Evidence;

/// <summary>
/// One version as exported in <c>journal.json</c> (format version 1, see docs/evidence-format.md). Its position in
/// the file's list is its place in the chain; <see cref="Salt"/> and <see cref="Content"/> are null once erased.
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
    byte[] Hash);

/// <summary>A whole exported chain: every version in written order and the head as recorded.</summary>
public sealed record JournalExport(DateTimeOffset ExportedAt, IReadOnlyList<ExportedVersion> Versions, ChainHead? Head)
{
    public const int FormatVersion = 1;

    public const string FileName = "journal.json";

    /// <summary>The head fingerprint a person notes down (the same as the journal page shows).</summary>
    public string Fingerprint => VersionChain.Fingerprint(Head);
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
            json.WriteString("exportedAt", export.ExportedAt.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteString("hashAlgorithm", "SHA-256");
            json.WriteStartObject("head");
            json.WriteNumber("length", export.Head?.Length ?? 0);
            json.WriteString("hash", Hex(export.Head?.Hash ?? VersionChain.Genesis));
            json.WriteString("fingerprint", export.Fingerprint);
            json.WriteEndObject();
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
        if (!format.TryGetInt32(out var formatVersion) || formatVersion != JournalExport.FormatVersion)
        {
            return ExportReadResult.Problem($"This export uses a format this page does not know (version {format.GetRawText()}); it checks version {JournalExport.FormatVersion}.");
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
                FromHex(v.GetProperty("hash").GetString())));
        }
        var exportedAt = root.TryGetProperty("exportedAt", out var at) && at.ValueKind == JsonValueKind.String && DateTimeOffset.TryParse(at.GetString(), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var parsed) ? parsed : DateTimeOffset.UnixEpoch;
        var head = headLength == 0 && versions.Count == 0 ? null : new ChainHead(headLength, headHash);
        return new ExportReadResult(new JournalExport(exportedAt, versions, head), null);
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

    private static string Hex(byte[] value) => Convert.ToHexStringLower(value);

    private static byte[] FromHex(string? value) => Convert.FromHexString(value ?? throw new FormatException());
}

/// <summary>Either a parsed export or a kind sentence saying why the file could not be read.</summary>
public sealed record ExportReadResult(JournalExport? Export, string? ProblemMessage)
{
    public static ExportReadResult Problem(string message) => new(null, message);
}
