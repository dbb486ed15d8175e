using System.Runtime.CompilerServices;

namespace CoFundMarket.Rpc;

/// <summary>Reading a stream with <c>await foreach</c>.</summary>
public static class AsyncStreamReaderExtensions
{
    /// <summary>Every remaining message of the stream.</summary>
    public static async IAsyncEnumerable<T> ReadAllAsync<T>(this IAsyncStreamReader<T> reader, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        while (await reader.MoveNext(cancellationToken))
        {
            yield return reader.Current;
        }
    }
}
