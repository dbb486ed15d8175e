using Google.Protobuf.Reflection;

namespace CoFundMarket.Rpc;

/// <summary>
/// One RPC of a protobuf service, as named on the wire (<c>/package.Service/Method</c>). Filters see it on
/// <see cref="ServerCallContext.Method"/>; its <see cref="Descriptor"/> gives the proto definition, options included.
/// </summary>
public class RpcMethod
{
    /// <summary>The method as described by protoc-generated code.</summary>
    public RpcMethod(MethodDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        Descriptor = descriptor;
        ServiceName = descriptor.Service.FullName;
        Name = descriptor.Name;
        FullName = "/" + ServiceName + "/" + Name;
        Type = (descriptor.IsClientStreaming, descriptor.IsServerStreaming) switch
        {
            (false, false) => MethodType.Unary,
            (false, true) => MethodType.ServerStreaming,
            (true, false) => MethodType.ClientStreaming,
            (true, true) => MethodType.DuplexStreaming,
        };
    }

    /// <summary>The proto definition.</summary>
    public MethodDescriptor Descriptor { get; }

    /// <summary>The HTTP path: <c>/package.Service/Method</c>.</summary>
    public string FullName { get; }

    /// <summary>The fully-qualified service name: <c>package.Service</c>.</summary>
    public string ServiceName { get; }

    /// <summary>The method name as in the proto.</summary>
    public string Name { get; }

    /// <summary>Which sides stream.</summary>
    public MethodType Type { get; }

    /// <inheritdoc />
    public override string ToString() => FullName;
}
