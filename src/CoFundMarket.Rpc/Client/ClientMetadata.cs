using System.Net.Http.Headers;
using CoFundMarket.Rpc.Protocol;

namespace CoFundMarket.Rpc.Client;

/// <summary>Client-side mapping between <see cref="Metadata"/> and <see cref="HttpHeaders"/>.</summary>
internal static class ClientMetadata
{
    public static void AddToRequest(Metadata metadata, HttpRequestHeaders headers)
    {
        foreach (var entry in metadata)
        {
            if (GrpcHeaders.IsReservedResponseHeader(entry.Key) || entry.Key.Equals("user-agent", StringComparison.Ordinal))
            {
                continue;
            }

            headers.TryAddWithoutValidation(entry.Key, entry.IsBinary ? BinaryHeader.Encode(entry.ValueBytes) : entry.Value);
        }
    }

    /// <summary>Custom metadata among received headers or trailers; the protocol's own headers are left out.</summary>
    public static Metadata FromResponse(HttpHeaders headers)
    {
        var metadata = new Metadata();
        var decoded = new List<byte[]>();
        foreach (var (name, values) in headers.NonValidated)
        {
            if (GrpcHeaders.IsReservedResponseHeader(name))
            {
                continue;
            }

            var key = name.ToLowerInvariant();
            var binary = Metadata.IsBinaryKey(key);
            foreach (var value in values)
            {
                if (!binary)
                {
                    metadata.Add(Metadata.Entry.Received(key, value));
                    continue;
                }

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

    public static string? GetValue(HttpHeaders headers, string name) =>
        headers.NonValidated.TryGetValues(name, out var values) ? values.ToString() : null;
}
