using System.Linq.Expressions;
using System.Reflection;
using CoFundMarket.Runtime.Grains;

namespace CoFundMarket.Runtime.Calls;

/// <summary>
/// One method of a grain interface, compiled once: how to invoke it on a grain instance and how it
/// may interleave. Every shape of return type is carried as <see cref="Task{T}"/> inside the runtime.
/// </summary>
internal abstract class GrainMethod
{
    protected GrainMethod(MethodInfo method)
    {
        InterfaceMethod = method;
        Name = $"{method.DeclaringType!.Name}.{method.Name}";
        AlwaysInterleave = method.IsDefined(typeof(AlwaysInterleaveAttribute));
        ReadOnly = method.IsDefined(typeof(ReadOnlyAttribute));
    }

    /// <summary>The interface method callers invoke.</summary>
    public MethodInfo InterfaceMethod { get; }

    /// <summary><c>Interface.Method</c>, for messages and traces.</summary>
    public string Name { get; }

    /// <summary>Interleaves with anything (<see cref="AlwaysInterleaveAttribute"/>).</summary>
    public bool AlwaysInterleave { get; }

    /// <summary>Interleaves with other read-only requests (<see cref="ReadOnlyAttribute"/>).</summary>
    public bool ReadOnly { get; }

    /// <summary>Sends the call through <paramref name="proxy"/> and returns what the interface method returns.</summary>
    public abstract object Call(GrainProxy proxy, object?[] arguments);

    /// <summary>Builds the method description, or explains why the method cannot be a grain method.</summary>
    public static GrainMethod Create(MethodInfo method)
    {
        var where = $"{method.DeclaringType!.FullName}.{method.Name}";
        if (method.IsGenericMethodDefinition)
        {
            throw new GrainTypeResolutionException($"Grain method {where} is generic; grain methods cannot be generic.");
        }

        if (method.GetParameters().Any(p => p.ParameterType.IsByRef))
        {
            throw new GrainTypeResolutionException($"Grain method {where} has a ref or out parameter; grain calls only pass values.");
        }

        var returnType = method.ReturnType;
        var (resultType, shape) = returnType switch
        {
            _ when returnType == typeof(Task) => (typeof(VoidResult), ReturnShape.Task),
            _ when returnType == typeof(ValueTask) => (typeof(VoidResult), ReturnShape.ValueTask),
            { IsGenericType: true } when returnType.GetGenericTypeDefinition() == typeof(Task<>) => (returnType.GetGenericArguments()[0], ReturnShape.TaskOfT),
            { IsGenericType: true } when returnType.GetGenericTypeDefinition() == typeof(ValueTask<>) => (returnType.GetGenericArguments()[0], ReturnShape.ValueTaskOfT),
            _ => throw new GrainTypeResolutionException($"Grain method {where} returns {returnType.Name}; grain methods return Task, Task<T>, ValueTask or ValueTask<T>."),
        };

        var type = typeof(GrainMethod<>).MakeGenericType(resultType);
        return (GrainMethod)Activator.CreateInstance(type, method, shape)!;
    }
}

/// <summary>The shape a grain method returns; the runtime converts its internal Task{T} to it.</summary>
internal enum ReturnShape
{
    Task,
    TaskOfT,
    ValueTask,
    ValueTaskOfT,
}

/// <summary>The result of a grain method that returns no value.</summary>
internal readonly struct VoidResult
{
    public static readonly Task<VoidResult> CompletedTask = Task.FromResult(default(VoidResult));
}

/// <summary>A grain method whose result type is <typeparamref name="T"/>.</summary>
internal sealed class GrainMethod<T> : GrainMethod
{
    private readonly ReturnShape _shape;

    public GrainMethod(MethodInfo method, ReturnShape shape) : base(method)
    {
        _shape = shape;
        Invoke = CompileInvoker(method, shape);
    }

    /// <summary>Invokes the method on a grain instance with boxed arguments.</summary>
    public Func<object, object?[], Task<T>> Invoke { get; }

    public override object Call(GrainProxy proxy, object?[] arguments)
    {
        var task = proxy.Invoke(this, arguments);
        return _shape switch
        {
            ReturnShape.ValueTask => new ValueTask(task),
            ReturnShape.ValueTaskOfT => new ValueTask<T>(task),
            _ => task,
        };
    }

    private static Func<object, object?[], Task<T>> CompileInvoker(MethodInfo method, ReturnShape shape)
    {
        var grain = Expression.Parameter(typeof(object), "grain");
        var arguments = Expression.Parameter(typeof(object[]), "arguments");
        var parameters = method.GetParameters();
        var typedArguments = parameters.Select((p, i) =>
            (Expression)Expression.Convert(Expression.ArrayIndex(arguments, Expression.Constant(i)), p.ParameterType));
        Expression call = Expression.Call(Expression.Convert(grain, method.DeclaringType!), method, typedArguments);
        call = shape switch
        {
            ReturnShape.Task => Expression.Call(typeof(GrainMethod<T>).GetMethod(nameof(FromTask), BindingFlags.NonPublic | BindingFlags.Static)!, call),
            ReturnShape.ValueTask => Expression.Call(typeof(GrainMethod<T>).GetMethod(nameof(FromValueTask), BindingFlags.NonPublic | BindingFlags.Static)!, call),
            ReturnShape.ValueTaskOfT => Expression.Call(call, typeof(ValueTask<T>).GetMethod(nameof(ValueTask<T>.AsTask))!),
            _ => call,
        };
        return Expression.Lambda<Func<object, object?[], Task<T>>>(call, grain, arguments).Compile();
    }

    private static Task<VoidResult> FromValueTask(ValueTask task) =>
        task.IsCompletedSuccessfully ? VoidResult.CompletedTask : FromTask(task.AsTask());

    private static Task<VoidResult> FromTask(Task task)
    {
        return task.IsCompletedSuccessfully ? VoidResult.CompletedTask : Await(task);

        static async Task<VoidResult> Await(Task task)
        {
            // Not grain code: only propagates completion, so it need not return to the activation.
            await task.ConfigureAwait(false);
            return default;
        }
    }
}
