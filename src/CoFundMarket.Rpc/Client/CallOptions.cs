namespace CoFundMarket.Rpc.Client;

/// <summary>Per-call settings of a client call.</summary>
public readonly record struct CallOptions
{
    /// <summary>Metadata sent as request headers.</summary>
    public Metadata? Headers { get; init; }

    /// <summary>When the call gives up, in UTC (sent as <c>grpc-timeout</c>); null for none.</summary>
    public DateTime? Deadline { get; init; }

    /// <summary>Cancels the call (the server sees RST_STREAM(CANCEL)).</summary>
    public CancellationToken CancellationToken { get; init; }

    /// <summary>Compress request messages with <c>gzip</c> or <c>deflate</c>; null uses the channel's setting, <c>identity</c> turns it off.</summary>
    public string? CompressionAlgorithm { get; init; }

    /// <summary>These options with a deadline <paramref name="timeout"/> from now.</summary>
    public CallOptions WithTimeout(TimeSpan timeout) => this with { Deadline = DateTime.UtcNow + timeout };
}
