namespace CoFundMarket.Rpc;

/// <summary>The gRPC status codes (grpc/grpc doc/statuscodes.md); the numbers are part of the wire protocol.</summary>
public enum StatusCode
{
    /// <summary>Not an error.</summary>
    OK = 0,

    /// <summary>The caller cancelled the call.</summary>
    Cancelled = 1,

    /// <summary>An error with no better code, e.g. a handler threw an exception the server did not expect.</summary>
    Unknown = 2,

    /// <summary>The caller sent an argument that is invalid whatever the system's state.</summary>
    InvalidArgument = 3,

    /// <summary>The deadline passed before the call completed.</summary>
    DeadlineExceeded = 4,

    /// <summary>A requested entity does not exist.</summary>
    NotFound = 5,

    /// <summary>The entity the caller tried to create already exists.</summary>
    AlreadyExists = 6,

    /// <summary>The caller is known but not allowed to do this.</summary>
    PermissionDenied = 7,

    /// <summary>A quota or limit is used up, e.g. a message larger than the receive limit.</summary>
    ResourceExhausted = 8,

    /// <summary>The system is not in a state in which the call can be carried out.</summary>
    FailedPrecondition = 9,

    /// <summary>The call lost a concurrency race; retrying at a higher level may succeed.</summary>
    Aborted = 10,

    /// <summary>The call went past a valid range.</summary>
    OutOfRange = 11,

    /// <summary>The method or service is not implemented, or a compression algorithm is not supported.</summary>
    Unimplemented = 12,

    /// <summary>An invariant of the protocol or the system broke, e.g. a malformed frame or message.</summary>
    Internal = 13,

    /// <summary>The service cannot take the call now; retrying later may succeed.</summary>
    Unavailable = 14,

    /// <summary>Unrecoverable data loss or corruption.</summary>
    DataLoss = 15,

    /// <summary>The caller did not prove who it is.</summary>
    Unauthenticated = 16,
}
