using System.Text.Json.Serialization;

namespace GhostRoll.Lambda.Runtime;

/// <summary>The error body's camelCase names are fixed by the Runtime API.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(LambdaError))]
internal sealed partial class RuntimeJsonContext : JsonSerializerContext;
