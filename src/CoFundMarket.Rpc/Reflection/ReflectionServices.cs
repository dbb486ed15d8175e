using Google.Protobuf;

namespace CoFundMarket.Rpc.Reflection;

/// <summary><c>grpc.reflection.v1.ServerReflection</c>: each request on the stream gets one answer, in order.</summary>
internal sealed class ReflectionServiceV1(ReflectionResponder responder)
{
    /// <summary>Answers questions until the client ends its stream.</summary>
    public async Task ServerReflectionInfo(
        IAsyncStreamReader<V1.ServerReflectionRequest> requestStream,
        IServerStreamWriter<V1.ServerReflectionResponse> responseStream,
        ServerCallContext context)
    {
        while (await requestStream.MoveNext(context.CancellationToken))
        {
            await responseStream.WriteAsync(responder.Answer(requestStream.Current));
        }
    }
}

/// <summary>
/// <c>grpc.reflection.v1alpha.ServerReflection</c>, still the only version many tools speak. Its messages are the
/// same as v1's on the wire, so each question is re-read as v1, answered, and the answer re-read as v1alpha.
/// </summary>
internal sealed class ReflectionServiceV1Alpha(ReflectionResponder responder)
{
    /// <summary>Answers questions until the client ends its stream.</summary>
    public async Task ServerReflectionInfo(
        IAsyncStreamReader<V1Alpha.ServerReflectionRequest> requestStream,
        IServerStreamWriter<V1Alpha.ServerReflectionResponse> responseStream,
        ServerCallContext context)
    {
        while (await requestStream.MoveNext(context.CancellationToken))
        {
            var question = V1.ServerReflectionRequest.Parser.ParseFrom(requestStream.Current.ToByteString());
            var answer = responder.Answer(question);
            await responseStream.WriteAsync(V1Alpha.ServerReflectionResponse.Parser.ParseFrom(answer.ToByteString()));
        }
    }
}
