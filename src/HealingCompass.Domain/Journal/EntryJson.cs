using System.Globalization;
using System.Text.Json;

namespace HealingCompass.Domain.Journal;

/// <summary>
/// The one byte form of a version's content: what is encrypted, and what the chain's content digest covers.
/// Written by hand with a fixed field order, so the same content always gives the same bytes. Format 1.
/// </summary>
public static class EntryJson
{
    public const int FormatVersion = 1;

    /// <summary>The content and the optional "why I changed this", as UTF-8 JSON.</summary>
    public static byte[] Write(EntryContent content, string? changeReason = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("v", FormatVersion);
            json.WriteString("what", content.WhatHappened);
            if (content.Happened is { } at)
            {
                json.WriteStartObject("when");
                json.WriteString("start", at.Start.ToString("O", CultureInfo.InvariantCulture));
                if (at.Time is { } time)
                {
                    json.WriteString("time", time.ToString("HH:mm", CultureInfo.InvariantCulture));
                }
                if (at.IsApproximate)
                {
                    json.WriteBoolean("about", true);
                }
                if (at.End is { } end)
                {
                    json.WriteString("end", end.ToString("O", CultureInfo.InvariantCulture));
                }
                json.WriteEndObject();
            }
            json.WriteStartArray("categories");
            foreach (var id in content.Categories)
            {
                json.WriteStringValue(id);
            }
            json.WriteEndArray();
            if (content.Severity is { } severity)
            {
                json.WriteNumber("severity", severity);
            }
            if (content.ChildrenPresent is { } children)
            {
                json.WriteBoolean("children", children);
            }
            Text(json, "words", content.WordsSaid);
            Text(json, "felt", content.HowItFelt);
            Text(json, "did", content.WhatIDid);
            Text(json, "witnesses", content.Witnesses);
            Text(json, "injuries", content.Injuries);
            Text(json, "report", content.Report);
            Text(json, "reportNumber", content.ReportNumber);
            Text(json, "place", content.Place);
            Text(json, "evidence", content.OtherEvidence);
            // Only when there are files, so content written before attachments existed keeps its exact bytes.
            if (content.Attachments.Count > 0)
            {
                json.WriteStartArray("files");
                foreach (var file in content.Attachments)
                {
                    WriteAttachment(json, file);
                }
                json.WriteEndArray();
            }
            Text(json, "reason", changeReason);
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    /// <summary>Reads what <see cref="Write"/> wrote.</summary>
    /// <exception cref="FormatException">The bytes are not content of a known format.</exception>
    public static (EntryContent Content, string? ChangeReason) Read(ReadOnlySpan<byte> utf8)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.GetProperty("v").GetInt32() != FormatVersion)
            {
                throw new FormatException("Unknown journal content format.");
            }
            HappenedAt? happened = null;
            if (root.TryGetProperty("when", out var when))
            {
                happened = new HappenedAt(
                    DateOnly.ParseExact(when.GetProperty("start").GetString()!, "O", CultureInfo.InvariantCulture),
                    when.TryGetProperty("time", out var time) ? TimeOnly.ParseExact(time.GetString()!, "HH:mm", CultureInfo.InvariantCulture) : null,
                    when.TryGetProperty("about", out var about) && about.GetBoolean(),
                    when.TryGetProperty("end", out var end) ? DateOnly.ParseExact(end.GetString()!, "O", CultureInfo.InvariantCulture) : null);
            }
            var content = new EntryContent
            {
                WhatHappened = root.GetProperty("what").GetString() ?? "",
                Happened = happened,
                Categories = [.. root.GetProperty("categories").EnumerateArray().Select(c => c.GetString()!)],
                Severity = root.TryGetProperty("severity", out var severity) ? severity.GetInt32() : null,
                ChildrenPresent = root.TryGetProperty("children", out var children) ? children.GetBoolean() : null,
                WordsSaid = Optional(root, "words"),
                HowItFelt = Optional(root, "felt"),
                WhatIDid = Optional(root, "did"),
                Witnesses = Optional(root, "witnesses"),
                Injuries = Optional(root, "injuries"),
                Report = Optional(root, "report"),
                ReportNumber = Optional(root, "reportNumber"),
                Place = Optional(root, "place"),
                OtherEvidence = Optional(root, "evidence"),
                Attachments = root.TryGetProperty("files", out var files) ? [.. files.EnumerateArray().Select(ReadAttachment)] : [],
            };
            return (content, Optional(root, "reason"));
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or ArgumentException)
        {
            throw new FormatException("Not journal content.", ex);
        }
    }

    private static void WriteAttachment(Utf8JsonWriter json, EntryAttachment file)
    {
        json.WriteStartObject();
        json.WriteString("id", file.Id.ToString("D"));
        json.WriteString("name", file.FileName);
        json.WriteString("type", file.MediaType);
        json.WriteNumber("size", file.Size);
        json.WriteString("sha256", file.Sha256);
        if (file.Says is { } says)
        {
            json.WriteStartObject("says");
            Text(json, "taken", says.TakenAt);
            Text(json, "device", says.Device);
            if (says.HasLocation)
            {
                json.WriteBoolean("gps", true);
            }
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }

    private static EntryAttachment ReadAttachment(JsonElement file)
    {
        FileSays? says = file.TryGetProperty("says", out var s)
            ? new FileSays(Optional(s, "taken"), Optional(s, "device"), s.TryGetProperty("gps", out var gps) && gps.GetBoolean())
            : null;
        return new EntryAttachment(
            Guid.ParseExact(file.GetProperty("id").GetString()!, "D"),
            file.GetProperty("name").GetString()!,
            file.GetProperty("type").GetString()!,
            file.GetProperty("size").GetInt64(),
            file.GetProperty("sha256").GetString()!,
            says);
    }

    private static void Text(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }

    private static string? Optional(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) ? value.GetString() : null;
}
