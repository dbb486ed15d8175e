namespace CoFundMarket.Domain.Common;

/// <summary>
/// A refusal by the domain, with a reason code the API maps to a status (and to
/// google.rpc.ErrorInfo) and a message for people. Never carries a stack trace outward.
/// </summary>
public sealed class DomainException : Exception
{
    /// <summary>Creates a refusal.</summary>
    public DomainException(DomainErrorKind kind, string reason, string message, string? field = null) : base(message)
    {
        Kind = kind;
        Reason = reason;
        Field = field;
    }

    /// <summary>Creates the exception.</summary>
    public DomainException() : this(DomainErrorKind.FailedPrecondition, "UNSPECIFIED", "The request was refused.") { }

    /// <summary>Creates the exception.</summary>
    public DomainException(string message) : this(DomainErrorKind.FailedPrecondition, "UNSPECIFIED", message) { }

    /// <summary>Creates the exception.</summary>
    public DomainException(string message, Exception innerException) : base(message, innerException)
    {
        Kind = DomainErrorKind.FailedPrecondition;
        Reason = "UNSPECIFIED";
    }

    /// <summary>Which family of refusal (maps to a gRPC status).</summary>
    public DomainErrorKind Kind { get; }

    /// <summary>The machine-readable reason, for example <c>INSUFFICIENT_BUDGET</c>.</summary>
    public string Reason { get; }

    /// <summary>The request field at fault, for invalid input.</summary>
    public string? Field { get; }

    /// <summary>Malformed or out-of-range input.</summary>
    public static DomainException Invalid(string field, string message) => new(DomainErrorKind.InvalidArgument, Reasons.InvalidArgument, message, field);

    /// <summary>Something that does not exist.</summary>
    public static DomainException NotFound(string reason, string message) => new(DomainErrorKind.NotFound, reason, message);

    /// <summary>Not allowed in the current state.</summary>
    public static DomainException Precondition(string reason, string message) => new(DomainErrorKind.FailedPrecondition, reason, message);

    /// <summary>The same id with different content.</summary>
    public static DomainException AlreadyExists(string reason, string message) => new(DomainErrorKind.AlreadyExists, reason, message);
}

/// <summary>The families of domain refusal.</summary>
public enum DomainErrorKind
{
    /// <summary>INVALID_ARGUMENT.</summary>
    InvalidArgument,

    /// <summary>NOT_FOUND.</summary>
    NotFound,

    /// <summary>ALREADY_EXISTS.</summary>
    AlreadyExists,

    /// <summary>FAILED_PRECONDITION.</summary>
    FailedPrecondition,
}
