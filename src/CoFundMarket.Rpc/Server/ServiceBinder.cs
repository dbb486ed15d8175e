using System.Reflection;
using System.Text;
using CoFundMarket.Rpc.Hosting;
using Google.Protobuf;
using Microsoft.Extensions.DependencyInjection;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace CoFundMarket.Rpc.Server;

/// <summary>
/// Binds an implementation class to a protoc-generated service descriptor, once, at start-up: every RPC must find a
/// public instance method of the same name with the signature its shape and message types demand. Each handler is
/// turned into an open-instance delegate here, so no reflection happens per call.
/// </summary>
internal static class ServiceBinder
{
    public static BoundService Bind<TService>(ServiceDescriptor descriptor, ServiceLifetime lifetime)
        where TService : class
    {
        var problems = new List<string>();
        var bindings = new List<MethodBinding>();
        var activator = new ServiceActivator<TService>(lifetime);
        var candidates = typeof(TService).GetMethods(BindingFlags.Public | BindingFlags.Instance);

        foreach (var methodDescriptor in descriptor.Methods)
        {
            var method = new RpcMethod(methodDescriptor);
            var requestType = methodDescriptor.InputType.ClrType;
            var responseType = methodDescriptor.OutputType.ClrType;
            if (requestType is null || responseType is null)
            {
                problems.Add($"rpc {method.Name}: its message types have no generated C# classes.");
                continue;
            }

            var (returnType, parameterTypes) = ExpectedSignature(method.Type, requestType, responseType);
            var sameName = Array.FindAll(candidates, m => m.Name == method.Name);
            var handler = Array.Find(sameName, m => m.ReturnType == returnType && ParametersAre(m, parameterTypes));
            if (handler is null)
            {
                var expected = Describe(method.Name, returnType, parameterTypes);
                problems.Add(sameName.Length == 0
                    ? $"rpc {method.Name} ({method.Type}) has no handler; expected: public {expected}"
                    : $"rpc {method.Name} ({method.Type}): handler {Describe(sameName[0])} does not match; expected: public {expected}");
                continue;
            }

            try
            {
                var factory = typeof(ServiceBinder)
                    .GetMethod("Create" + method.Type, BindingFlags.NonPublic | BindingFlags.Static)!
                    .MakeGenericMethod(typeof(TService), requestType, responseType);
                bindings.Add((MethodBinding)factory.Invoke(null, [method, handler, activator])!);
            }
            catch (Exception e) when (e is ArgumentException or TargetInvocationException)
            {
                problems.Add($"rpc {method.Name}: handler {Describe(handler)} cannot be bound ({(e.InnerException ?? e).Message}).");
            }
        }

        if (problems.Count > 0)
        {
            throw new RpcBindingException(descriptor.FullName, typeof(TService), problems);
        }

        return new BoundService(descriptor, typeof(TService), bindings);
    }

    private static MethodBinding CreateUnary<TService, TRequest, TResponse>(RpcMethod method, MethodInfo handler, ServiceActivator<TService> activator)
        where TService : class
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        var invoker = handler.CreateDelegate<Func<TService, TRequest, ServerCallContext, Task<TResponse>>>();
        var parser = (MessageParser<TRequest>)method.Descriptor.InputType.Parser;
        return new MethodBinding(method, runtime => new UnaryHandler<TService, TRequest, TResponse>(method, runtime, activator, invoker, parser));
    }

    private static MethodBinding CreateServerStreaming<TService, TRequest, TResponse>(RpcMethod method, MethodInfo handler, ServiceActivator<TService> activator)
        where TService : class
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        var invoker = handler.CreateDelegate<Func<TService, TRequest, IServerStreamWriter<TResponse>, ServerCallContext, Task>>();
        var parser = (MessageParser<TRequest>)method.Descriptor.InputType.Parser;
        return new MethodBinding(method, runtime => new ServerStreamingHandler<TService, TRequest, TResponse>(method, runtime, activator, invoker, parser));
    }

    private static MethodBinding CreateClientStreaming<TService, TRequest, TResponse>(RpcMethod method, MethodInfo handler, ServiceActivator<TService> activator)
        where TService : class
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        var invoker = handler.CreateDelegate<Func<TService, IAsyncStreamReader<TRequest>, ServerCallContext, Task<TResponse>>>();
        var parser = (MessageParser<TRequest>)method.Descriptor.InputType.Parser;
        return new MethodBinding(method, runtime => new ClientStreamingHandler<TService, TRequest, TResponse>(method, runtime, activator, invoker, parser));
    }

    private static MethodBinding CreateDuplexStreaming<TService, TRequest, TResponse>(RpcMethod method, MethodInfo handler, ServiceActivator<TService> activator)
        where TService : class
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        var invoker = handler.CreateDelegate<Func<TService, IAsyncStreamReader<TRequest>, IServerStreamWriter<TResponse>, ServerCallContext, Task>>();
        var parser = (MessageParser<TRequest>)method.Descriptor.InputType.Parser;
        return new MethodBinding(method, runtime => new DuplexStreamingHandler<TService, TRequest, TResponse>(method, runtime, activator, invoker, parser));
    }

    private static (Type ReturnType, Type[] Parameters) ExpectedSignature(MethodType type, Type request, Type response) => type switch
    {
        MethodType.Unary => (typeof(Task<>).MakeGenericType(response), [request, typeof(ServerCallContext)]),
        MethodType.ServerStreaming => (typeof(Task), [request, typeof(IServerStreamWriter<>).MakeGenericType(response), typeof(ServerCallContext)]),
        MethodType.ClientStreaming => (typeof(Task<>).MakeGenericType(response), [typeof(IAsyncStreamReader<>).MakeGenericType(request), typeof(ServerCallContext)]),
        _ => (typeof(Task), [typeof(IAsyncStreamReader<>).MakeGenericType(request), typeof(IServerStreamWriter<>).MakeGenericType(response), typeof(ServerCallContext)]),
    };

    private static bool ParametersAre(MethodInfo method, Type[] expected)
    {
        var parameters = method.GetParameters();
        if (parameters.Length != expected.Length)
        {
            return false;
        }

        for (var i = 0; i < parameters.Length; i++)
        {
            if (parameters[i].ParameterType != expected[i])
            {
                return false;
            }
        }

        return true;
    }

    private static string Describe(MethodInfo method)
    {
        var parameters = method.GetParameters();
        var types = new Type[parameters.Length];
        for (var i = 0; i < parameters.Length; i++)
        {
            types[i] = parameters[i].ParameterType;
        }

        return Describe(method.Name, method.ReturnType, types);
    }

    private static string Describe(string name, Type returnType, Type[] parameters)
    {
        var text = new StringBuilder().Append(TypeName(returnType)).Append(' ').Append(name).Append('(');
        for (var i = 0; i < parameters.Length; i++)
        {
            text.Append(i == 0 ? string.Empty : ", ").Append(TypeName(parameters[i]));
        }

        return text.Append(')').ToString();
    }

    private static string TypeName(Type type)
    {
        if (!type.IsGenericType)
        {
            return type.Name;
        }

        var name = type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)];
        return name + "<" + string.Join(", ", Array.ConvertAll(type.GetGenericArguments(), TypeName)) + ">";
    }
}
