using CoFundMarket.Cli.Output;
using CoFundMarket.Rpc;
using CoFundMarket.Rpc.Client;
using Google.Protobuf;

namespace CoFundMarket.Cli.Calling;

/// <summary>One command's connection to the gateway: the channel, the caller's token as metadata, and where output goes.</summary>
internal sealed class ApiSession(RpcChannel channel, string? token, Printer printer) : IDisposable
{
    /// <summary>Unary calls give up after this long: the gateway answers in milliseconds, a hang means it is unwell.</summary>
    private static readonly TimeSpan s_unaryTimeout = TimeSpan.FromSeconds(30);

    private readonly Metadata? _headers = string.IsNullOrEmpty(token) ? null : new Metadata { { "authorization", "Bearer " + token } };

    public Printer Printer { get; } = printer;

    /// <summary>The caller's token (from <c>--token</c> or <c>COFUND_TOKEN</c>), or null for anonymous calls.</summary>
    public string? Token { get; } = string.IsNullOrEmpty(token) ? null : token;

    public Task<TResponse> CallAsync<TRequest, TResponse>(RpcMethod<TRequest, TResponse> method, TRequest request, CancellationToken cancellationToken)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse> =>
        channel.UnaryCall(method, request, new CallOptions { Headers = _headers, CancellationToken = cancellationToken }.WithTimeout(s_unaryTimeout)).ResponseAsync;

    /// <summary>A server stream without a deadline: it lasts until the caller cancels.</summary>
    public AsyncServerStreamingCall<TResponse> Stream<TRequest, TResponse>(RpcMethod<TRequest, TResponse> method, TRequest request, CancellationToken cancellationToken)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse> =>
        channel.ServerStreamingCall(method, request, new CallOptions { Headers = _headers, CancellationToken = cancellationToken });

    public void Dispose() => channel.Dispose();
}
