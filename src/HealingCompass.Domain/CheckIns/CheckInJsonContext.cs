using System.Text.Json.Serialization;

namespace HealingCompass.Domain.CheckIns;

// Source-generated, with the same options as the rest of the content: unknown properties are errors.
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = false,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    RespectRequiredConstructorParameters = true,
    RespectNullableAnnotations = true)]
[JsonSerializable(typeof(CheckInContentData))]
[JsonSerializable(typeof(CheckInAnswers))]
internal sealed partial class CheckInJsonContext : JsonSerializerContext;
