using CoFundMarket.Rpc.Tests.Interop;
using CoFundMarket.Rpc.Tests.Probes;
using Google.Protobuf;

namespace CoFundMarket.Rpc.Tests.Services;

/// <summary>Probes for deadlines, cancellation, failures and metadata; reports what it saw to <see cref="CallObserver"/>.</summary>
public sealed class ProbeServiceImpl(CallObserver observer)
{
    public const string SecretInExceptionMessage = "connection string Password=hunter2";

    public async Task<SleepResponse> Sleep(SleepRequest request, ServerCallContext context)
    {
        await SleepAsync(request, context);
        return new SleepResponse { Slept = true };
    }

    public async Task SleepStream(SleepRequest request, IServerStreamWriter<Payload> responseStream, ServerCallContext context)
    {
        await responseStream.WriteAsync(new Payload { Body = ByteString.CopyFromUtf8("first") });
        await SleepAsync(request, context);
    }

    public Task<Empty> Fail(FailRequest request, ServerCallContext context)
    {
        Throw(request.Kind, context);
        return Task.FromResult(new Empty());
    }

    public async Task FailStream(FailRequest request, IServerStreamWriter<Payload> responseStream, ServerCallContext context)
    {
        for (var i = 0; i < request.MessagesBefore; i++)
        {
            await responseStream.WriteAsync(new Payload { Body = ByteString.CopyFromUtf8("message " + i) });
        }

        Throw(request.Kind, context);
    }

    public Task<EchoResponse> Echo(EchoRequest request, ServerCallContext context)
    {
        if (request.Id.Length > 0)
        {
            observer.Started(request.Id);
        }

        var response = new EchoResponse
        {
            Payload = request.Payload,
            Method = context.Method.FullName,
            Peer = context.Peer,
            Host = context.Host,
            RequestCompressed = context.RequestMessageCompressed,
            DeadlineInMs = context.Deadline == DateTime.MaxValue ? -1 : (long)(context.Deadline - DateTime.UtcNow).TotalMilliseconds,
            Protocol = context.Protocol.ToString(),
        };
        foreach (var entry in context.RequestHeaders)
        {
            response.RequestHeaders.Add(entry.IsBinary
                ? new MetadataEntry { Key = entry.Key, Binary = true, BinaryValue = ByteString.CopyFrom(entry.ValueBytes) }
                : new MetadataEntry { Key = entry.Key, Value = entry.Value });
        }

        return Task.FromResult(response);
    }

    private async Task SleepAsync(SleepRequest request, ServerCallContext context)
    {
        observer.Started(request.Id);
        try
        {
            await Task.Delay(request.Duration?.ToTimeSpan() ?? Timeout.InfiniteTimeSpan, context.CancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Timers tick in whole milliseconds (Environment.TickCount64), so one may fire a little before the exact deadline.
            observer.Cancelled(request.Id, DateTime.UtcNow >= context.Deadline - TimeSpan.FromMilliseconds(20));
            throw;
        }
    }

    private static void Throw(string kind, ServerCallContext context)
    {
        switch (kind)
        {
            case "exception":
                throw new InvalidOperationException(SecretInExceptionMessage);
            case "bad_request":
                throw RpcException.BadRequest("The request has invalid fields.", ("amount.minor_units", "must be positive"), ("project_id", "is required"));
            case "error_info":
                throw RpcException.ErrorInfo(StatusCode.FailedPrecondition, "The project is not open.", "PROJECT_NOT_OPEN", "cofund.example", [new("project_id", "p-1")]);
            case "status":
                context.Status = new Status(StatusCode.NotFound, "No such thing.");
                return;
            case "trailers":
                throw new RpcException(new Status(StatusCode.Aborted, "Lost a race."), new Metadata { { "retry-after-ms", "20" }, { "token-bin", new byte[] { 1, 2, 3 } } });
            default:
                throw new RpcException(new Status(StatusCode.InvalidArgument, $"Unknown failure kind '{kind}'."));
        }
    }
}
