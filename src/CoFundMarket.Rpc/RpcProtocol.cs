namespace CoFundMarket.Rpc;

/// <summary>The wire protocol of one call, chosen per request by its content type.</summary>
public enum RpcProtocol
{
    /// <summary>Native gRPC over HTTP/2 (<c>application/grpc</c>): status in HTTP trailers.</summary>
    Grpc,

    /// <summary>gRPC-Web binary (<c>application/grpc-web</c>) over any HTTP version: status in a trailer frame in the body.</summary>
    GrpcWeb,

    /// <summary>gRPC-Web text (<c>application/grpc-web-text</c>): the gRPC-Web body, base64-encoded.</summary>
    GrpcWebText,
}
