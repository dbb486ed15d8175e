using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace CoFundMarket.Runtime.Persistence;

/// <summary>
/// JSON for state and events, strict on read: a payload that lacks a required member, has one the
/// type does not know, or has a null where none is allowed is an error, never a silent default.
/// </summary>
internal sealed class GrainJsonSerializer
{
    public GrainJsonSerializer(IEnumerable<IJsonTypeInfoResolver> resolvers)
    {
        Options = CreateOptions(resolvers);
    }

    public JsonSerializerOptions Options { get; }

    public static JsonSerializerOptions CreateOptions(IEnumerable<IJsonTypeInfoResolver> resolvers) => new(JsonSerializerDefaults.Web)
    {
        TypeInfoResolver = JsonTypeInfoResolver.Combine([.. resolvers, new DefaultJsonTypeInfoResolver()]),
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    public string Serialize(object value, Type type) => JsonSerializer.Serialize(value, type, Options);

    /// <summary>Reads <paramref name="payload"/> as <paramref name="type"/>; <paramref name="what"/> names it in errors.</summary>
    public object Deserialize(string payload, Type type, string what)
    {
        try
        {
            return JsonSerializer.Deserialize(payload, type, Options)
                ?? throw new GrainStateFormatException($"{what} is stored as JSON null; a {type.Name} was expected.");
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or ArgumentException)
        {
            throw new GrainStateFormatException($"{what} no longer reads as {type.Name}: {e.Message}", e);
        }
    }
}
