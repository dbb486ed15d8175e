using CoFundMarket.Rpc.Protocol;
using CoFundMarket.Rpc.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace CoFundMarket.Rpc.Server;

/// <summary>
/// How a call ends: the status (from the handler, an exception, or the deadline) goes into HTTP trailers, into the
/// headers of a Trailers-Only response when nothing was sent, or into gRPC-Web's trailer frame.
/// </summary>
internal sealed partial class ServerCall
{
    /// <summary>The HTTP/2 error code CANCEL, sent after a deadline's status (PROTOCOL-HTTP2.md).</summary>
    private const int Http2Cancel = 8;

    private int _deadlineExceeded;
    private Task? _deadlineTask;

    /// <summary>Turns what the pipeline threw into the call's status. Only <see cref="RpcException"/> text reaches the caller.</summary>
    public void Fail(Exception exception)
    {
        if (exception is RpcException rpc)
        {
            _status = rpc.Status;
            _richStatus = rpc.RichStatus;
            foreach (var entry in rpc.Trailers)
            {
                ResponseTrailers.Add(entry);
            }

            return;
        }

        if (CancellationToken.IsCancellationRequested)
        {
            _status = Volatile.Read(ref _deadlineExceeded) != 0 || DateTime.UtcNow >= _deadline
                ? new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded")
                : new Status(StatusCode.Cancelled, "The call was cancelled.");
            return;
        }

        if (exception is BadHttpRequestException)
        {
            _runtime.Logger.LogDebug(exception, "gRPC call {Method}: the request body could not be read", Method.FullName);
            _status = new Status(StatusCode.Internal, "The request body could not be read.");
            return;
        }

        _runtime.Logger.LogError(exception, "gRPC call {Method} failed with an unhandled exception", Method.FullName);
        _status = new Status(
            StatusCode.Unknown,
            _runtime.Options.EnableDetailedErrors
                ? $"Exception was thrown by handler. {exception.GetType().Name}: {exception.Message}"
                : "Exception was thrown by handler.");
    }

    /// <summary>Sends the status unless the deadline already did, then releases the call's resources.</summary>
    public async Task EndAsync()
    {
        try
        {
            while (true)
            {
                var previous = Interlocked.CompareExchange(ref _state, Done, Idle);
                if (previous == Idle)
                {
                    break;
                }

                if (previous == Done)
                {
                    await DeadlineTask();
                    return;
                }

                // The handler returned while a write it did not await is still running: let it finish first.
                await Task.Delay(1);
            }

            if (!_http.RequestAborted.IsCancellationRequested)
            {
                WriteStatus();
            }
        }
        finally
        {
            _deadlineRegistration.Dispose();
            _deadlineSource?.Dispose();
            _textFrame?.Dispose();
            _decodedBody?.Complete();
        }
    }

    private void OnCancelled()
    {
        if (_http.RequestAborted.IsCancellationRequested)
        {
            return;
        }

        Volatile.Write(ref _deadlineExceeded, 1);
        TakeOverAfterDeadline();
    }

    /// <summary>If no write is running, the deadline ends the call now: status DEADLINE_EXCEEDED, end of stream, RST_STREAM(CANCEL).</summary>
    private void TakeOverAfterDeadline()
    {
        if (Interlocked.CompareExchange(ref _state, Done, Idle) == Idle)
        {
            Volatile.Write(ref _deadlineTask, CompleteAfterDeadlineAsync());
        }
    }

    private Task DeadlineTask()
    {
        var spinner = default(SpinWait);
        Task? task;
        while ((task = Volatile.Read(ref _deadlineTask)) is null)
        {
            spinner.SpinOnce();
        }

        return task;
    }

    private async Task CompleteAfterDeadlineAsync()
    {
        _status = new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded");
        _richStatus = null;
        try
        {
            WriteStatus();
            await _http.Response.CompleteAsync();
            if (Protocol == RpcProtocol.Grpc)
            {
                _http.Features.Get<IHttpResetFeature>()?.Reset(Http2Cancel);
            }
        }
        catch (Exception e)
        {
            _runtime.Logger.LogDebug(e, "gRPC call {Method}: ending the call after its deadline failed", Method.FullName);
        }
    }

    private void WriteStatus()
    {
        var response = _http.Response;
        var nothingSent = !_started && !response.HasStarted;
        if (nothingSent)
        {
            // Trailers-Only: one HEADERS frame with END_STREAM carries the status.
            StatusTrailers.Write(response.Headers, _status, _responseTrailers, _richStatus);
            return;
        }

        if (Protocol != RpcProtocol.Grpc)
        {
            TrailerFrame.Write(FrameOutput, _status, _responseTrailers, _richStatus);
            CommitFrame();
            return;
        }

        var trailers = _http.Features.Get<IHttpResponseTrailersFeature>()?.Trailers;
        if (trailers is null || trailers.IsReadOnly)
        {
            _runtime.Logger.LogError("gRPC call {Method}: the response cannot carry trailers (is the endpoint HTTP/2?)", Method.FullName);
            _http.Abort();
            return;
        }

        StatusTrailers.Write(trailers, _status, _responseTrailers, _richStatus);
    }
}
