using CoFundMarket.Rpc.Hosting;
using CoFundMarket.Rpc.Web;
using Microsoft.Extensions.Logging;

namespace CoFundMarket.Rpc.Server;

/// <summary>What every call handler shares: options, filters, CORS policy and the logger.</summary>
internal sealed class RpcServerRuntime(RpcServerOptions options, IReadOnlyList<IRpcFilter> filters, ILogger logger)
{
    public RpcServerOptions Options { get; } = options;

    public IReadOnlyList<IRpcFilter> Filters { get; } = filters;

    public ILogger Logger { get; } = logger;

    public CorsPolicy Cors { get; } = new(options.Cors);
}
