namespace CoFundMarket.Rpc.Protocol;

/// <summary>Which protocol a request's content type asks for: <c>application/grpc</c>, <c>application/grpc-web</c> or <c>application/grpc-web-text</c>, each optionally <c>+proto</c> and with parameters.</summary>
internal static class ContentTypes
{
    /// <summary>False for anything else, including codecs other than protobuf (<c>+json</c>): the server answers those with 415.</summary>
    public static bool TryGetProtocol(string? contentType, out RpcProtocol protocol)
    {
        protocol = RpcProtocol.Grpc;
        if (contentType is null)
        {
            return false;
        }

        var value = contentType.AsSpan();
        if (!value.StartsWith(GrpcHeaders.GrpcContentType, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var rest = value[GrpcHeaders.GrpcContentType.Length..];
        if (rest.StartsWith("-web-text", StringComparison.OrdinalIgnoreCase))
        {
            protocol = RpcProtocol.GrpcWebText;
            rest = rest["-web-text".Length..];
        }
        else if (rest.StartsWith("-web", StringComparison.OrdinalIgnoreCase))
        {
            protocol = RpcProtocol.GrpcWeb;
            rest = rest["-web".Length..];
        }

        if (rest.StartsWith("+proto", StringComparison.OrdinalIgnoreCase))
        {
            rest = rest["+proto".Length..];
        }

        rest = rest.TrimStart(' ');
        return rest.IsEmpty || rest[0] == ';';
    }

    /// <summary>The content type a response of this protocol carries.</summary>
    public static string ForResponse(RpcProtocol protocol) => protocol switch
    {
        RpcProtocol.GrpcWeb => GrpcHeaders.GrpcWebContentType + "+proto",
        RpcProtocol.GrpcWebText => GrpcHeaders.GrpcWebTextContentType + "+proto",
        _ => GrpcHeaders.GrpcContentType,
    };
}
