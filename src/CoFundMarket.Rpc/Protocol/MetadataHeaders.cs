using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace CoFundMarket.Rpc.Protocol;

/// <summary>Server-side mapping between <see cref="Metadata"/> and ASP.NET Core header dictionaries.</summary>
internal static class MetadataHeaders
{
    /// <summary>
    /// The caller's metadata: every request header except the protocol's own. A <c>-bin</c> value that is not
    /// base64 is dropped: it cannot be represented, and an odd header must not fail the call.
    /// </summary>
    public static Metadata FromRequest(IHeaderDictionary headers)
    {
        var metadata = new Metadata();
        List<byte[]>? decoded = null;
        foreach (var (name, values) in headers)
        {
            if (GrpcHeaders.IsProtocolHeader(name))
            {
                continue;
            }

            var key = name.ToLowerInvariant();
            var binary = Metadata.IsBinaryKey(key);
            foreach (var value in values)
            {
                if (value is null)
                {
                    continue;
                }

                if (!binary)
                {
                    metadata.Add(Metadata.Entry.Received(key, value));
                    continue;
                }

                decoded ??= [];
                decoded.Clear();
                if (BinaryHeader.TryDecode(value, decoded))
                {
                    foreach (var bytes in decoded)
                    {
                        metadata.Add(Metadata.Entry.Received(key, bytes));
                    }
                }
            }
        }

        return metadata;
    }

    /// <summary>Appends metadata to response headers or trailers; entries that would overwrite the protocol's own headers are skipped.</summary>
    public static void Append(Metadata metadata, IHeaderDictionary destination)
    {
        foreach (var entry in metadata)
        {
            if (GrpcHeaders.IsReservedResponseHeader(entry.Key))
            {
                continue;
            }

            var value = entry.IsBinary ? BinaryHeader.Encode(entry.ValueBytes) : entry.Value;
            destination[entry.Key] = destination.TryGetValue(entry.Key, out var existing)
                ? StringValues.Concat(existing, value)
                : new StringValues(value);
        }
    }
}
