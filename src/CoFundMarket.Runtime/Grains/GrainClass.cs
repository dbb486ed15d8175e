using System.Collections.Frozen;
using System.Reflection;
using CoFundMarket.Runtime.Activations;
using CoFundMarket.Runtime.Calls;
using CoFundMarket.Runtime.Persistence;
using CoFundMarket.Runtime.Reminders;

namespace CoFundMarket.Runtime.Grains;

/// <summary>What the runtime knows about one grain class: its persisted type name, scheduling and lifetime rules.</summary>
internal sealed class GrainClass
{
    private readonly ConstructorInfo _constructor;
    private readonly Func<IServiceProvider, GrainActivation, object?>[] _parameterFactories;

    public GrainClass(Type classType)
    {
        ClassType = classType;
        TypeName = classType.GetCustomAttribute<GrainTypeAttribute>(inherit: false)?.Name
            ?? throw new GrainTypeResolutionException($"Grain class {classType.FullName} has no [GrainType(\"…\")] attribute. The type name is stored with every row, so it must be explicit.");
        if (string.IsNullOrWhiteSpace(TypeName) || TypeName.Contains('/', StringComparison.Ordinal))
        {
            throw new GrainTypeResolutionException($"Grain class {classType.FullName} has the type name '{TypeName}'; a type name is non-empty and has no '/'.");
        }

        Reentrant = classType.IsDefined(typeof(ReentrantAttribute), inherit: true);
        KeepAlive = classType.IsDefined(typeof(KeepAliveAttribute), inherit: true);
        CollectionAge = classType.GetCustomAttribute<CollectionAgeLimitAttribute>(inherit: true)?.Age;
        IsRemindable = typeof(IRemindable).IsAssignableFrom(classType);
        HasCallFilter = typeof(IIncomingGrainCallFilter).IsAssignableFrom(classType);
        Interfaces = classType.GetInterfaces().Where(i => typeof(IGrain).IsAssignableFrom(i) && i != typeof(IGrain) && i != typeof(IGrainWithStringKey)).ToArray();
        Methods = Interfaces.SelectMany(i => i.GetMethods()).Distinct().ToFrozenDictionary(m => m, GrainMethod.Create);

        _constructor = classType.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault()
            ?? throw new GrainTypeResolutionException($"Grain class {classType.FullName} has no public constructor.");
        _parameterFactories = _constructor.GetParameters().Select(CreateParameterFactory).ToArray();
    }

    /// <summary>The CLR class.</summary>
    public Type ClassType { get; }

    /// <summary>The persisted, explicit type name.</summary>
    public string TypeName { get; }

    /// <summary>Requests interleave at await points.</summary>
    public bool Reentrant { get; }

    /// <summary>Never collected for idleness.</summary>
    public bool KeepAlive { get; }

    /// <summary>Per-class collection age, overriding the silo's.</summary>
    public TimeSpan? CollectionAge { get; }

    /// <summary>Implements <see cref="IRemindable"/>, so it may register reminders.</summary>
    public bool IsRemindable { get; }

    /// <summary>The grain itself filters its incoming calls.</summary>
    public bool HasCallFilter { get; }

    /// <summary>The grain interfaces the class implements.</summary>
    public IReadOnlyList<Type> Interfaces { get; }

    /// <summary>Every callable method of those interfaces.</summary>
    public FrozenDictionary<MethodInfo, GrainMethod> Methods { get; }

    /// <summary>Constructs a grain for <paramref name="activation"/>, resolving services and persistent states.</summary>
    public Grain Create(IServiceProvider services, GrainActivation activation)
    {
        var arguments = new object?[_parameterFactories.Length];
        for (var i = 0; i < arguments.Length; i++)
        {
            arguments[i] = _parameterFactories[i](services, activation);
        }

        try
        {
            return (Grain)_constructor.Invoke(arguments);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw e.InnerException;
        }
    }

    private Func<IServiceProvider, GrainActivation, object?> CreateParameterFactory(ParameterInfo parameter)
    {
        var type = parameter.ParameterType;
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IPersistentState<>))
        {
            var name = parameter.GetCustomAttribute<PersistentStateAttribute>()?.StateName
                ?? throw new GrainTypeResolutionException($"Constructor parameter '{parameter.Name}' of grain class {ClassType.FullName} is an IPersistentState<> without [PersistentState(\"name\")].");
            var stateType = typeof(PersistentState<>).MakeGenericType(type.GetGenericArguments()[0]);
            return (_, activation) => Activator.CreateInstance(stateType, BindingFlags.NonPublic | BindingFlags.Instance, null, [activation, name], null);
        }

        return (services, _) => services.GetService(type)
            ?? throw new GrainTypeResolutionException($"Grain class {ClassType.FullName} needs a {type.Name} for constructor parameter '{parameter.Name}', and none is registered.");
    }
}
