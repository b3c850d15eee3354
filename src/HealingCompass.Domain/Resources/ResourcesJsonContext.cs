using System.Text.Json.Serialization;

namespace HealingCompass.Domain.Resources;

// Source-generated, with the same options as the rest of the content: unknown properties are errors.
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = false,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    RespectRequiredConstructorParameters = true,
    RespectNullableAnnotations = true)]
[JsonSerializable(typeof(ResourceDirectoryData))]
internal sealed partial class ResourcesJsonContext : JsonSerializerContext;
