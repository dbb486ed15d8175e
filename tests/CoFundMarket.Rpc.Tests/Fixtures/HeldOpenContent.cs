using System.Net;

namespace CoFundMarket.Rpc.Tests.Fixtures;

/// <summary>
/// A request body that sends its first bytes and then stays open until the test releases it (or the request ends):
/// a server that answers anyway has decided from those bytes alone, without waiting for the rest.
/// </summary>
public sealed class HeldOpenContent : HttpContent
{
    private readonly byte[] _start;
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public HeldOpenContent(byte[] start, string contentType = "application/grpc")
    {
        _start = start;
        Headers.TryAddWithoutValidation("content-type", contentType);
    }

    public void Release() => _release.TrySetResult();

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(_start, cancellationToken);
        await stream.FlushAsync(cancellationToken);
        await _release.Task.WaitAsync(cancellationToken);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }
}
