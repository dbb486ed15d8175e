namespace CoFundMarket.Rpc;

/// <summary>The outcome of a call: a code and a human-readable detail (sent as <c>grpc-status</c> and <c>grpc-message</c>).</summary>
/// <param name="StatusCode">The status code.</param>
/// <param name="Detail">The message for people; never a stack trace.</param>
public readonly record struct Status(StatusCode StatusCode, string Detail)
{
    /// <summary>Success with no detail.</summary>
    public static readonly Status DefaultSuccess = new(StatusCode.OK, string.Empty);

    /// <summary>Cancellation with no detail.</summary>
    public static readonly Status DefaultCancelled = new(StatusCode.Cancelled, string.Empty);

    /// <inheritdoc />
    public override string ToString() => $"Status(StatusCode=\"{StatusCode}\", Detail=\"{Detail}\")";
}
