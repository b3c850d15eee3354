using System.Buffers;
using System.Text;
using System.Text.Json;
using HealingCompass.Domain.Content;

namespace HealingCompass.Domain.Assessment;

/// <summary>
/// The documented JSON format for a set of answers (docs/answers-format.md), used to save, export and
/// import an assessment. Reading never throws: every problem comes back as a kind message.
/// </summary>
public static class AnswersFile
{
    public const string FormatName = "healingcompass.answers";
    public const int FormatVersion = 1;

    /// <summary>Far larger than any real answers file; stops a pasted novel or a hostile upload early.</summary>
    public const int MaxBytes = 256 * 1024;

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 8, CommentHandling = JsonCommentHandling.Skip };

    /// <summary>Reads answers from JSON text (a pasted or stored file).</summary>
    public static AnswersReadResult Read(string? json, ContentCatalog? catalog = null)
    {
        // Cheap upper bound first, so a huge paste is refused without encoding it.
        if (json is not null && Encoding.UTF8.GetMaxByteCount(json.Length) > MaxBytes && Encoding.UTF8.GetByteCount(json) > MaxBytes)
        {
            catalog ??= ContentCatalog.Default;
            return Failed(catalog, AnswerProblemKind.TooLarge, MessageIds.AnswersTooLarge);
        }

        return Read(Encoding.UTF8.GetBytes(json ?? string.Empty), catalog);
    }

    /// <summary>Reads answers from UTF-8 bytes (an uploaded file).</summary>
    public static AnswersReadResult Read(ReadOnlyMemory<byte> utf8Json, ContentCatalog? catalog = null)
    {
        catalog ??= ContentCatalog.Default;
        if (utf8Json.Length > MaxBytes)
        {
            return Failed(catalog, AnswerProblemKind.TooLarge, MessageIds.AnswersTooLarge);
        }

        if (utf8Json.Span.Trim(" \t\r\n"u8).IsEmpty)
        {
            return Failed(catalog, AnswerProblemKind.Empty, MessageIds.AnswersEmpty);
        }

        try
        {
            using var doc = JsonDocument.Parse(utf8Json, DocumentOptions);
            return Read(doc.RootElement, catalog);
        }
        catch (JsonException)
        {
            return Failed(catalog, AnswerProblemKind.NotJson, MessageIds.AnswersNotJson);
        }
    }

    /// <summary>Writes answers in the documented format, in the order the questions are asked.</summary>
    public static string Write(AnswerSet answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var buffer = new ArrayBufferWriter<byte>(2048);
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("format", FormatName);
            w.WriteNumber("formatVersion", FormatVersion);
            w.WriteString("contentVersion", answers.Catalog.ContentVersion);
            w.WriteStartObject("answers");
            foreach (var (q, v) in answers.Answered)
            {
                w.WritePropertyName(q.Id);
                switch (v.Kind)
                {
                    case QuestionKind.Scale:
                        w.WriteNumberValue(v.Number);
                        break;
                    case QuestionKind.Multi:
                        w.WriteStartArray();
                        foreach (var o in v.Options)
                        {
                            w.WriteStringValue(o);
                        }

                        w.WriteEndArray();
                        break;
                    default:
                        w.WriteStringValue(v.Text);
                        break;
                }
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static AnswersReadResult Read(JsonElement root, ContentCatalog catalog)
    {
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("format", out var format)
            || format.ValueKind != JsonValueKind.String
            || format.GetString() != FormatName
            || !root.TryGetProperty("formatVersion", out var formatVersion)
            || !formatVersion.TryGetInt32(out var fv)
            || fv != FormatVersion)
        {
            return IsEmptyObject(root)
                ? Failed(catalog, AnswerProblemKind.Empty, MessageIds.AnswersEmpty)
                : Failed(catalog, AnswerProblemKind.WrongFormat, MessageIds.AnswersWrongFormat);
        }

        var version = root.TryGetProperty("contentVersion", out var cv) && cv.ValueKind == JsonValueKind.String ? cv.GetString()! : "";
        if (!catalog.IsCompatibleVersion(version))
        {
            return Failed(catalog, AnswerProblemKind.WrongVersion, MessageIds.AnswersWrongVersion, version.Length == 0 ? "unknown" : version, catalog.ContentVersion);
        }

        if (!root.TryGetProperty("answers", out var answersElement) || answersElement.ValueKind != JsonValueKind.Object)
        {
            return Failed(catalog, AnswerProblemKind.Empty, MessageIds.AnswersEmpty);
        }

        var answers = new AnswerSet(catalog);
        var problems = new List<AnswerProblem>();
        foreach (var property in answersElement.EnumerateObject())
        {
            if (!catalog.TryGetQuestion(property.Name, out var q))
            {
                problems.Add(new AnswerProblem(AnswerProblemKind.UnknownQuestion, property.Name, catalog.Message(MessageIds.AnswersUnknownQuestion, property.Name)));
                continue;
            }

            if (!TryConvert(property.Value, q.Kind, out var value))
            {
                problems.Add(new AnswerProblem(AnswerProblemKind.WrongType, q.Id, catalog.Message(MessageIds.AnswersWrongType, q.Id)));
                continue;
            }

            if (answers.TrySet(q.Id, value) is { } problem)
            {
                problems.Add(problem);
            }
        }

        if (answers.IsEmpty && problems.Count == 0)
        {
            return Failed(catalog, AnswerProblemKind.Empty, MessageIds.AnswersEmpty);
        }

        foreach (var missing in answers.MissingRequired().Where(q => q.IsSafetyItem))
        {
            problems.Add(new AnswerProblem(AnswerProblemKind.MissingSafety, missing.Id, catalog.Message(MessageIds.AnswersMissingSafety, missing.Id, missing.Definition.Text)));
        }

        return new AnswersReadResult(answers, problems, catalog.Message(MessageIds.AnswersNothingLost));
    }

    private static bool TryConvert(JsonElement element, QuestionKind kind, out AnswerValue value)
    {
        value = default;
        switch (kind)
        {
            case QuestionKind.Scale when element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out var n):
                value = AnswerValue.Scale(n);
                return true;
            case QuestionKind.Choice when element.ValueKind == JsonValueKind.String:
                value = AnswerValue.Choice(element.GetString()!);
                return true;
            case QuestionKind.Text when element.ValueKind == JsonValueKind.String:
                value = AnswerValue.FreeText(element.GetString()!);
                return true;
            case QuestionKind.Multi when element.ValueKind == JsonValueKind.Array:
                var options = new List<string>(element.GetArrayLength());
                foreach (var item in element.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.String)
                    {
                        return false;
                    }

                    options.Add(item.GetString()!);
                }

                value = AnswerValue.Multi(options);
                return true;
            default:
                return false;
        }
    }

    private static bool IsEmptyObject(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && !root.EnumerateObject().Any();

    private static AnswersReadResult Failed(ContentCatalog catalog, AnswerProblemKind kind, string messageId, params object?[] args) =>
        new(null, [new AnswerProblem(kind, null, catalog.Message(messageId, args))], null);
}

/// <summary>
/// The outcome of reading an answers file. Where the file could be read at all, <see cref="Answers"/>
/// holds every answer that fitted, so a person loses nothing because one line was wrong.
/// </summary>
public sealed record AnswersReadResult(AnswerSet? Answers, IReadOnlyList<AnswerProblem> Problems, string? PartialNote)
{
    /// <summary>Read in full with nothing wrong.</summary>
    public bool IsComplete => Answers is not null && Problems.Count == 0;
}
