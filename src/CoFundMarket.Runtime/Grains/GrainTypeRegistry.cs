using System.Collections.Concurrent;
using System.Reflection;

namespace CoFundMarket.Runtime.Grains;

/// <summary>
/// Maps grain interfaces and persisted type names to grain classes, from the assemblies the host
/// registered. Built once at start-up, where every definition error surfaces.
/// </summary>
internal sealed class GrainTypeRegistry
{
    private readonly Dictionary<string, GrainClass> _byTypeName = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, List<GrainClass>> _byInterface = [];
    private readonly HashSet<Assembly> _assemblies;
    private readonly ConcurrentDictionary<Type, GrainClass> _resolved = new();

    public GrainTypeRegistry(IEnumerable<Assembly> assemblies)
    {
        _assemblies = [.. assemblies];
        foreach (var type in _assemblies.SelectMany(a => a.GetTypes()).Where(t => t.IsClass && !t.IsAbstract && typeof(Grain).IsAssignableFrom(t)))
        {
            var grainClass = new GrainClass(type);
            if (_byTypeName.TryGetValue(grainClass.TypeName, out var existing))
            {
                throw new GrainTypeResolutionException($"Grain classes {existing.ClassType.FullName} and {type.FullName} both use the type name '{grainClass.TypeName}'.");
            }

            _byTypeName.Add(grainClass.TypeName, grainClass);
            foreach (var grainInterface in grainClass.Interfaces)
            {
                if (!_byInterface.TryGetValue(grainInterface, out var classes))
                {
                    _byInterface[grainInterface] = classes = [];
                }

                classes.Add(grainClass);
            }
        }
    }

    /// <summary>Every registered grain class.</summary>
    public IEnumerable<GrainClass> Classes => _byTypeName.Values;

    /// <summary>The one class implementing <paramref name="grainInterface"/>.</summary>
    public GrainClass ForInterface(Type grainInterface) => _resolved.GetOrAdd(grainInterface, Resolve);

    /// <summary>The class with a persisted type name.</summary>
    public GrainClass ForTypeName(string typeName) =>
        _byTypeName.TryGetValue(typeName, out var grainClass)
            ? grainClass
            : throw new GrainTypeResolutionException($"No grain class has the type name '{typeName}'. Known types: {string.Join(", ", _byTypeName.Keys.Order(StringComparer.Ordinal))}.");

    private GrainClass Resolve(Type grainInterface)
    {
        if (!grainInterface.IsInterface)
        {
            throw new GrainTypeResolutionException($"{grainInterface.FullName} is not an interface; GetGrain takes a grain interface.");
        }

        if (_byInterface.TryGetValue(grainInterface, out var classes))
        {
            return classes.Count == 1
                ? classes[0]
                : throw new GrainTypeResolutionException($"Grain interface {grainInterface.FullName} is implemented by several grain classes ({string.Join(", ", classes.Select(c => c.ClassType.Name))}); each interface needs exactly one.");
        }

        return _assemblies.Contains(grainInterface.Assembly)
            ? throw new GrainTypeResolutionException($"No grain class implements {grainInterface.FullName}. Add a class deriving from Grain with [GrainType] that implements it.")
            : throw new GrainTypeResolutionException($"Grain interface {grainInterface.FullName} is unknown: its assembly {grainInterface.Assembly.GetName().Name} was not registered with AddGrainsFrom(...).");
    }
}
