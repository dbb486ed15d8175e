using System.Globalization;
using Google.Protobuf;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace CoFundMarket.Rpc.Protocol;

/// <summary>
/// Writes a call's end: custom trailers first, then <c>grpc-status-details-bin</c>, <c>grpc-status</c> and the
/// percent-encoded <c>grpc-message</c>, into HTTP trailers, or into the headers of a Trailers-Only response.
/// </summary>
internal static class StatusTrailers
{
    private static readonly StringValues[] s_codes = CreateCodes();

    public static StringValues CodeValue(StatusCode code) =>
        (uint)code < (uint)s_codes.Length ? s_codes[(int)code] : new StringValues(((int)code).ToString(CultureInfo.InvariantCulture));

    public static void Write(IHeaderDictionary destination, Status status, Metadata? trailers, Google.Rpc.Status? details)
    {
        if (trailers is { Count: > 0 })
        {
            MetadataHeaders.Append(trailers, destination);
        }

        if (details is not null)
        {
            destination[GrpcHeaders.StatusDetails] = BinaryHeader.Encode(details.ToByteArray());
        }

        destination.GrpcStatus = CodeValue(status.StatusCode);
        if (!string.IsNullOrEmpty(status.Detail))
        {
            destination.GrpcMessage = PercentEncoding.Encode(status.Detail);
        }
    }

    /// <summary>Parses a <c>grpc-status</c> value; false when it is not a decimal number.</summary>
    public static bool TryParseCode(string? value, out StatusCode code)
    {
        var parsed = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number);
        code = (StatusCode)number;
        return parsed;
    }

    private static StringValues[] CreateCodes()
    {
        var codes = new StringValues[17];
        for (var i = 0; i < codes.Length; i++)
        {
            codes[i] = new StringValues(i.ToString(CultureInfo.InvariantCulture));
        }

        return codes;
    }
}
