using System.Collections.Concurrent;
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

    // Looked up here once per type: serializing by Type went through the options' root-type cache,
    // which alternating event and state types keep missing, and its lock showed up under load.
    private readonly ConcurrentDictionary<Type, JsonTypeInfo> _typeInfos = new();

    private JsonTypeInfo TypeInfo(Type type) => _typeInfos.GetOrAdd(type, static (t, options) => options.GetTypeInfo(t), Options);

    public static JsonSerializerOptions CreateOptions(IEnumerable<IJsonTypeInfoResolver> resolvers) => new(JsonSerializerDefaults.Web)
    {
        TypeInfoResolver = JsonTypeInfoResolver.Combine([.. resolvers, new DefaultJsonTypeInfoResolver()]),
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    public string Serialize(object value, Type type) => JsonSerializer.Serialize(value, TypeInfo(type));

    /// <summary>Reads <paramref name="payload"/> as <paramref name="type"/>; <paramref name="what"/> names it in errors.</summary>
    public object Deserialize(string payload, Type type, string what)
    {
        try
        {
            return JsonSerializer.Deserialize(payload, TypeInfo(type))
                ?? throw new GrainStateFormatException($"{what} is stored as JSON null; a {type.Name} was expected.");
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or ArgumentException)
        {
            throw new GrainStateFormatException($"{what} no longer reads as {type.Name}: {e.Message}", e);
        }
    }
}
