namespace CoFundMarket.Identity;

/// <summary>A token was refused; <see cref="Exception.Message"/> says why in words a caller can act on (never the token itself).</summary>
public sealed class TokenValidationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TokenValidationException(TokenFailure failure, string message) : base(message) => Failure = failure;

    /// <summary>Creates the exception.</summary>
    public TokenValidationException() : this(TokenFailure.Malformed, "The token is not valid.") { }

    /// <summary>Creates the exception.</summary>
    public TokenValidationException(string message) : this(TokenFailure.Malformed, message) { }

    /// <summary>Creates the exception.</summary>
    public TokenValidationException(string message, Exception innerException) : base(message, innerException) => Failure = TokenFailure.Malformed;

    /// <summary>Why the token was refused.</summary>
    public TokenFailure Failure { get; }
}

/// <summary>Why a token was refused.</summary>
public enum TokenFailure
{
    /// <summary>No token at all.</summary>
    Missing,

    /// <summary>Not three base64url parts of JSON, or a claim of the wrong type or missing.</summary>
    Malformed,

    /// <summary>The header's <c>alg</c> is not the one this server is configured for (including <c>none</c>).</summary>
    AlgorithmNotAllowed,

    /// <summary>The signature does not verify with the configured key.</summary>
    BadSignature,

    /// <summary>Past its <c>exp</c>.</summary>
    Expired,

    /// <summary>Before its <c>nbf</c>.</summary>
    NotYetValid,

    /// <summary><c>aud</c> does not include <c>cofund</c>.</summary>
    WrongAudience,

    /// <summary><c>iss</c> is not the configured issuer.</summary>
    WrongIssuer,
}
