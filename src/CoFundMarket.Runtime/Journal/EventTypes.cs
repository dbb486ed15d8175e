using System.Collections.Frozen;
using System.Reflection;

namespace CoFundMarket.Runtime.Journal;

/// <summary>The concrete event types of <typeparamref name="TEvent"/> (found in its assembly) and their persisted names.</summary>
public static class EventTypes<TEvent>
{
    private static readonly FrozenDictionary<string, Type> s_byName = Discover();
    private static readonly FrozenDictionary<Type, string> s_byType = s_byName.ToFrozenDictionary(p => p.Value, p => p.Key);

    /// <summary>The persisted name of an event's type.</summary>
    public static string NameOf(Type eventType) =>
        s_byType.TryGetValue(eventType, out var name)
            ? name
            : throw new ArgumentException($"{eventType.Name} is not a concrete {typeof(TEvent).Name} in {typeof(TEvent).Assembly.GetName().Name}.", nameof(eventType));

    /// <summary>The CLR type stored under <paramref name="name"/>.</summary>
    public static Type TypeOf(string name) =>
        s_byName.TryGetValue(name, out var type)
            ? type
            : throw new Persistence.GrainStateFormatException($"The journal holds an event of type '{name}', which is not a known {typeof(TEvent).Name}.");

    private static FrozenDictionary<string, Type> Discover()
    {
        var types = typeof(TEvent).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && !t.IsInterface && typeof(TEvent).IsAssignableFrom(t));
        var byName = new Dictionary<string, Type>(StringComparer.Ordinal);
        foreach (var type in types)
        {
            var name = type.GetCustomAttribute<EventTypeAttribute>()?.Name ?? type.Name;
            if (!byName.TryAdd(name, type))
            {
                throw new InvalidOperationException($"Event types {byName[name].FullName} and {type.FullName} share the name '{name}'.");
            }
        }

        return byName.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
