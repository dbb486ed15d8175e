namespace CoFundMarket.Rpc.Client;

/// <summary>What every client call in flight offers: its response headers, and once it has ended, its status and trailers.</summary>
public abstract class AsyncCall : IDisposable
{
    private readonly IClientCall _call;

    private protected AsyncCall(IClientCall call) => _call = call;

    /// <summary>The response headers (initial metadata).</summary>
    public Task<Metadata> ResponseHeadersAsync => _call.ResponseHeadersAsync;

    /// <summary>The status; only once the call has ended.</summary>
    public Status GetStatus() => _call.GetStatus();

    /// <summary>The trailers; only once the call has ended.</summary>
    public Metadata GetTrailers() => _call.GetTrailers();

    /// <summary>Cancels the call if it is still running and releases it.</summary>
    public void Dispose()
    {
        _call.Dispose();
        GC.SuppressFinalize(this);
    }
}
