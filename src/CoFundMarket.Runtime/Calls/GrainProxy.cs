using System.Collections.Frozen;
using System.Reflection;
using CoFundMarket.Runtime.Activations;
using CoFundMarket.Runtime.Context;
using CoFundMarket.Runtime.Grains;
using CoFundMarket.Runtime.Hosting;
using CoFundMarket.Runtime.Identity;

namespace CoFundMarket.Runtime.Calls;

/// <summary>
/// A grain reference: implements the grain interface and turns each call into a request to the
/// grain's activation. Cheap to create (no I/O); caches the activation it last used.
/// </summary>
public class GrainProxy : DispatchProxy
{
    private Silo _silo = null!;
    private GrainClass _class = null!;
    private FrozenDictionary<MethodInfo, GrainMethod> _methods = null!;
    private GrainActivation? _activation;
    private GrainMethod? _lastMethod;

    /// <summary>The grain this reference points at.</summary>
    public GrainId GrainId { get; private set; }

    /// <summary>A reference to <paramref name="id"/>: a copy of this prototype (the generated proxy type's own
    /// fields included) with its own target.</summary>
    internal GrainProxy CopyFor(Silo silo, GrainClass grainClass, GrainId id)
    {
        var copy = (GrainProxy)MemberwiseClone();
        copy._silo = silo;
        copy._class = grainClass;
        copy._methods = grainClass.Methods;
        copy._activation = null;
        copy._lastMethod = null;
        copy.GrainId = id;
        return copy;
    }

    /// <inheritdoc />
    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        // A reference mostly calls one method again and again: check the last one before the lookup.
        var method = _lastMethod;
        if (method is not null && ReferenceEquals(method.InterfaceMethod, targetMethod))
        {
            return method.Call(this, args ?? []);
        }

        if (targetMethod is null || !_methods.TryGetValue(targetMethod, out method))
        {
            if (targetMethod?.DeclaringType == typeof(object))
            {
                return targetMethod.Invoke(this, args);
            }

            throw new GrainTypeResolutionException($"{targetMethod?.Name} is not a method of a grain interface implemented by {_class.ClassType.Name}.");
        }

        _lastMethod = method;
        return method.Call(this, args ?? []);
    }

    internal Task<T> Invoke<T>(GrainMethod<T> method, object?[] arguments)
    {
        var caller = SynchronizationContext.Current as GrainRequest;
        if (_silo.Status != SiloStatus.Running)
        {
            _silo.ThrowIfNotAcceptingCalls(caller);
        }

        var activation = _activation;
        if (activation is null || activation.IsInvalid)
        {
            _activation = activation = _silo.Directory.GetOrCreate(GrainId, _class);
        }

        return activation.Invoke(method, arguments, caller, caller is null ? RequestContext.Current : caller.RequestValues);
    }

    /// <inheritdoc />
    public override string ToString() => GrainId.ToString();
}
