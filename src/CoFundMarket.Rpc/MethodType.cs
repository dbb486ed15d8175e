namespace CoFundMarket.Rpc;

/// <summary>The four shapes of an RPC, from whether each side streams.</summary>
public enum MethodType
{
    /// <summary>One request, one response.</summary>
    Unary,

    /// <summary>One request, a stream of responses.</summary>
    ServerStreaming,

    /// <summary>A stream of requests, one response.</summary>
    ClientStreaming,

    /// <summary>A stream of requests and a stream of responses, interleaved as the two sides like.</summary>
    DuplexStreaming,
}
