using System.Reflection;
using CoFundMarket.Runtime.Activations;
using CoFundMarket.Runtime.Identity;

namespace CoFundMarket.Runtime.Calls;

/// <summary>Runs the silo's call filters, then the grain's own, then the grain method.</summary>
internal sealed class GrainCallPipeline<T> : IIncomingGrainCallContext
{
    private readonly GrainActivation _activation;
    private readonly GrainMethod<T> _method;
    private readonly object?[] _arguments;
    private int _next;

    private GrainCallPipeline(GrainActivation activation, GrainMethod<T> method, object?[] arguments)
    {
        _activation = activation;
        _method = method;
        _arguments = arguments;
    }

    public GrainId TargetId => _activation.Id;

    public object Grain => _activation.Instance!;

    public MethodInfo InterfaceMethod => _method.InterfaceMethod;

    public IReadOnlyList<object?> Arguments => _arguments;

    public object? Result { get; set; }

    public static async Task<T> Invoke(GrainActivation activation, GrainMethod<T> method, object?[] arguments)
    {
        var pipeline = new GrainCallPipeline<T>(activation, method, arguments);
        // Grain code and filters run in the grain's turn: keep the captured context.
        await pipeline.Invoke();
        return (T)pipeline.Result!;
    }

    public async Task Invoke()
    {
        var filters = _activation.Silo.CallFilters;
        var index = _next++;
        if (index < filters.Count)
        {
            await filters[index].Invoke(this);
        }
        else if (index == filters.Count && _activation.Instance is IIncomingGrainCallFilter grainFilter)
        {
            await grainFilter.Invoke(this);
        }
        else
        {
            Result = await _method.Invoke(_activation.Instance!, _arguments);
        }
    }
}
