using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace CoFundMarket.Rpc;

/// <summary>
/// A call that ended with a status other than OK. On the server, throwing it ends the call with its
/// status, its trailers, and, when present, its <see cref="RichStatus"/> (a <c>google.rpc.Status</c>
/// sent in <c>grpc-status-details-bin</c>). On the client, every failed call surfaces as one.
/// </summary>
public class RpcException : Exception
{
    /// <summary>An exception for a status, with no trailers and no details.</summary>
    public RpcException(Status status)
        : this(status, null, null)
    {
    }

    /// <summary>An exception for a status, with trailers to send (server) or that were received (client).</summary>
    public RpcException(Status status, Metadata? trailers)
        : this(status, trailers, null)
    {
    }

    /// <summary>An exception for a status with rich details; the details' code and message should equal the status'.</summary>
    public RpcException(Status status, Metadata? trailers, Google.Rpc.Status? richStatus)
        : base(status.ToString())
    {
        Status = status;
        Trailers = trailers ?? [];
        RichStatus = richStatus;
    }

    /// <summary>The status.</summary>
    public Status Status { get; }

    /// <summary>The status code.</summary>
    public StatusCode StatusCode => Status.StatusCode;

    /// <summary>Trailing metadata: sent with the status by a server, received with it by a client.</summary>
    public Metadata Trailers { get; }

    /// <summary>The <c>google.rpc.Status</c> carried in <c>grpc-status-details-bin</c>, if any.</summary>
    public Google.Rpc.Status? RichStatus { get; }

    /// <summary>The first detail of type <typeparamref name="T"/> in <see cref="RichStatus"/>, or null.</summary>
    public T? GetDetail<T>()
        where T : class, IMessage<T>, new()
    {
        if (RichStatus is null)
        {
            return null;
        }

        foreach (var any in RichStatus.Details)
        {
            if (any.TryUnpack<T>(out var detail))
            {
                return detail;
            }
        }

        return null;
    }

    /// <summary>An exception whose <c>google.rpc.Status</c> carries the given detail messages (packed as <c>Any</c>).</summary>
    public static RpcException WithDetails(StatusCode code, string message, params IMessage[] details)
    {
        var rich = new Google.Rpc.Status { Code = (int)code, Message = message };
        foreach (var detail in details)
        {
            rich.Details.Add(Any.Pack(detail));
        }

        return new RpcException(new Status(code, message), null, rich);
    }

    /// <summary><c>INVALID_ARGUMENT</c> with a <c>google.rpc.BadRequest</c> listing which fields are wrong and why.</summary>
    public static RpcException BadRequest(string message, params (string Field, string Description)[] violations)
    {
        var badRequest = new Google.Rpc.BadRequest();
        foreach (var (field, description) in violations)
        {
            badRequest.FieldViolations.Add(new Google.Rpc.BadRequest.Types.FieldViolation { Field = field, Description = description });
        }

        return WithDetails(StatusCode.InvalidArgument, message, badRequest);
    }

    /// <summary>
    /// A status with a <c>google.rpc.ErrorInfo</c>: a machine-readable <paramref name="reason"/>
    /// (UPPER_SNAKE_CASE, e.g. <c>PROJECT_NOT_OPEN</c>) within a <paramref name="domain"/>, and optional metadata.
    /// </summary>
    public static RpcException ErrorInfo(StatusCode code, string message, string reason, string domain, IEnumerable<KeyValuePair<string, string>>? metadata = null)
    {
        // Field 1 of google.rpc.ErrorInfo is 'reason'; Google.Api.CommonProtos 2.0.0 still calls it Type (same wire field).
        var info = new Google.Rpc.ErrorInfo { Type = reason, Domain = domain };
        if (metadata is not null)
        {
            foreach (var (key, value) in metadata)
            {
                info.Metadata[key] = value;
            }
        }

        return WithDetails(code, message, info);
    }
}
