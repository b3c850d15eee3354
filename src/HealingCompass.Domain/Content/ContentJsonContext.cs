using System.Text.Json.Serialization;

namespace HealingCompass.Domain.Content;

// Source-generated (de)serialisation: no reflection at start-up, and trimming-safe.
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = false,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    RespectRequiredConstructorParameters = true,
    RespectNullableAnnotations = true)]
[JsonSerializable(typeof(QuestionBank))]
[JsonSerializable(typeof(PlanLibrary))]
[JsonSerializable(typeof(MessageCatalog))]
internal sealed partial class ContentJsonContext : JsonSerializerContext;
