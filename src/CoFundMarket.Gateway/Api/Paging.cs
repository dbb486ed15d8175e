using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using CoFundMarket.Gateway.Errors;

namespace CoFundMarket.Gateway.Api;

/// <summary>
/// List paging (API.md): <c>page_size</c> 0 means 50, at most 500 (more is INVALID_ARGUMENT, like any out-of-range
/// field); page tokens are opaque: the last sort key of the page, with a checksum that ties it to the query that
/// made it, so an edited token or one from other filters is INVALID_ARGUMENT. The checksum has no secret key on
/// purpose: a token stays valid across restarts and on every gateway over the same storage (a partner paging through a
/// list during a deployment carries on), and a hand-made one can only name another position in a list the caller may
/// read anyway, since every list is filtered by the caller's rights before it is paged.
/// Pages are keyset pages over an ordinal sort key, so items added or removed between pages shift nothing.
/// </summary>
public static class Paging
{
    /// <summary>The page size when none is asked for.</summary>
    public const int DefaultPageSize = 50;

    /// <summary>The largest page.</summary>
    public const int MaxPageSize = 500;

    private const int ChecksumLength = 16;

    /// <summary>The page size asked for, checked.</summary>
    public static int PageSize(int requested) => requested switch
    {
        0 => DefaultPageSize,
        >= 1 and <= MaxPageSize => requested,
        _ => throw ApiErrors.InvalidArgument("page_size", $"page_size must be between 1 and {MaxPageSize} (0 means {DefaultPageSize}); got {requested}."),
    };

    /// <summary>
    /// One page of <paramref name="items"/>, ordered by <paramref name="sortKey"/> (ordinal), after the position in
    /// <paramref name="pageToken"/>; <paramref name="query"/> names the list and its filters.
    /// </summary>
    public static (List<T> Items, string NextPageToken) Page<T>(IEnumerable<T> items, Func<T, string> sortKey, string query, string pageToken, int pageSize)
    {
        var size = PageSize(pageSize);
        var after = pageToken.Length == 0 ? null : ReadToken(pageToken, query);
        var page = items
            .Select(item => (Key: sortKey(item), Item: item))
            .Where(entry => after is null || string.CompareOrdinal(entry.Key, after) > 0)
            .OrderBy(entry => entry.Key, StringComparer.Ordinal)
            .Take(size + 1)
            .ToList();
        var next = page.Count > size ? WriteToken(query, page[size - 1].Key) : "";
        return ([.. page.Take(size).Select(entry => entry.Item)], next);
    }

    private static string WriteToken(string query, string lastKey)
    {
        var body = Encoding.UTF8.GetBytes(lastKey);
        var token = new byte[body.Length + ChecksumLength];
        body.CopyTo(token, 0);
        Checksum(query, body).AsSpan(0, ChecksumLength).CopyTo(token.AsSpan(body.Length));
        return Base64Url.EncodeToString(token);
    }

    private static string ReadToken(string pageToken, string query)
    {
        byte[] token;
        try
        {
            token = pageToken.Length <= 2048 ? Base64Url.DecodeFromChars(pageToken) : [];
        }
        catch (FormatException)
        {
            token = [];
        }

        if (token.Length > ChecksumLength)
        {
            var body = token.AsSpan(0, token.Length - ChecksumLength);
            if (Checksum(query, body).AsSpan(0, ChecksumLength).SequenceEqual(token.AsSpan(body.Length)))
            {
                return Encoding.UTF8.GetString(body);
            }
        }

        throw ApiErrors.InvalidArgument("page_token", "page_token is not one this server gave for this query (changed, or from other filters); start from the first page.");
    }

    private static byte[] Checksum(string query, ReadOnlySpan<byte> body)
    {
        var queryBytes = Encoding.UTF8.GetBytes(query);
        var input = new byte[queryBytes.Length + 1 + body.Length];
        queryBytes.CopyTo(input, 0);
        body.CopyTo(input.AsSpan(queryBytes.Length + 1));
        return SHA256.HashData(input);
    }
}
