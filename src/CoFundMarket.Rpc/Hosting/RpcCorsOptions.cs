namespace CoFundMarket.Rpc.Hosting;

/// <summary>
/// CORS for gRPC-Web: which browser origins may call, answered on preflight (OPTIONS) and on each call. Responses
/// expose <c>grpc-status</c>, <c>grpc-message</c>, <c>grpc-status-details-bin</c>, <c>grpc-encoding</c> and
/// <c>grpc-accept-encoding</c> so that scripts can read a Trailers-Only status from the headers.
/// </summary>
public sealed class RpcCorsOptions
{
    /// <summary>Origins allowed to call, e.g. <c>https://app.example.org</c>; <c>*</c> allows any. Empty (the default) allows none.</summary>
    public ICollection<string> AllowedOrigins { get; } = new List<string>();

    /// <summary>
    /// Request headers a browser may send. Empty (the default) allows whatever the preflight asks for: the origin
    /// check is the gate; headers add nothing to it.
    /// </summary>
    public ICollection<string> AllowedHeaders { get; } = new List<string>();

    /// <summary>Further response headers (custom metadata) scripts may read.</summary>
    public ICollection<string> ExposedHeaders { get; } = new List<string>();

    /// <summary>Allow cookies and the <c>Authorization</c> header from the browser (<c>Access-Control-Allow-Credentials</c>); never combined with <c>*</c>, the origin is echoed instead.</summary>
    public bool AllowCredentials { get; set; }

    /// <summary>How long a browser may cache a preflight answer (browsers cap it: Chrome at 2 h).</summary>
    public TimeSpan PreflightMaxAge { get; set; } = TimeSpan.FromHours(2);
}
