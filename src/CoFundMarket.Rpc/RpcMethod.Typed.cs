using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace CoFundMarket.Rpc;

/// <summary>An RPC with its generated request and response types, as a client calls it.</summary>
/// <typeparam name="TRequest">The generated request message type.</typeparam>
/// <typeparam name="TResponse">The generated response message type.</typeparam>
public sealed class RpcMethod<TRequest, TResponse> : RpcMethod
    where TRequest : IMessage<TRequest>
    where TResponse : IMessage<TResponse>
{
    /// <summary>The method; throws when the descriptor's message types are not <typeparamref name="TRequest"/> and <typeparamref name="TResponse"/>.</summary>
    public RpcMethod(MethodDescriptor descriptor)
        : base(descriptor)
    {
        if (descriptor.InputType.ClrType != typeof(TRequest) || descriptor.OutputType.ClrType != typeof(TResponse))
        {
            throw new ArgumentException(
                $"{FullName} takes {descriptor.InputType.FullName} and returns {descriptor.OutputType.FullName}, not {typeof(TRequest).Name} and {typeof(TResponse).Name}.",
                nameof(descriptor));
        }

        RequestParser = (MessageParser<TRequest>)descriptor.InputType.Parser;
        ResponseParser = (MessageParser<TResponse>)descriptor.OutputType.Parser;
    }

    /// <summary>Parses requests.</summary>
    public MessageParser<TRequest> RequestParser { get; }

    /// <summary>Parses responses.</summary>
    public MessageParser<TResponse> ResponseParser { get; }

    /// <summary>The method named <paramref name="name"/> of <paramref name="service"/>.</summary>
    public static RpcMethod<TRequest, TResponse> Create(ServiceDescriptor service, string name)
    {
        ArgumentNullException.ThrowIfNull(service);
        var method = service.FindMethodByName(name)
            ?? throw new ArgumentException($"Service {service.FullName} has no method {name}.", nameof(name));
        return new RpcMethod<TRequest, TResponse>(method);
    }
}
