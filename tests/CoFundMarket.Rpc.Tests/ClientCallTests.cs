using CoFundMarket.Rpc.Client;
using CoFundMarket.Rpc.Tests.Fixtures;
using CoFundMarket.Rpc.Tests.Interop;
using Google.Protobuf;

namespace CoFundMarket.Rpc.Tests;

/// <summary>The four RPC shapes end to end with the library's own client, over h2c and over TLS (ALPN h2).</summary>
public sealed class ClientCallTests(RpcTestServer server) : IClassFixture<RpcTestServer>
{
    public static TheoryData<string> Transports => new() { "h2c", "tls" };

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task UnaryCallReturnsTheRequestedPayload(string transport)
    {
        using var channel = Channel(transport);

        var response = await channel.UnaryCall(Methods.UnaryCall, new SimpleRequest { ResponseSize = 314_159, Payload = Zeros(271_828) });

        Assert.Equal(314_159, response.Payload.Body.Length);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task EmptyMessagesGoBothWays(string transport)
    {
        using var channel = Channel(transport);

        var response = await channel.UnaryCall(Methods.EmptyCall, new Empty());

        Assert.Equal(new Empty(), response);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task ServerStreamingDeliversEveryMessageInOrder(string transport)
    {
        using var channel = Channel(transport);
        var request = new StreamingOutputCallRequest();
        int[] sizes = [31_415, 9, 2_653, 58_979];
        request.ResponseParameters.AddRange(sizes.Select(size => new ResponseParameters { Size = size }));

        using var call = channel.ServerStreamingCall(Methods.StreamingOutputCall, request);
        var received = new List<int>();
        await foreach (var response in call.ResponseStream.ReadAllAsync())
        {
            received.Add(response.Payload.Body.Length);
        }

        Assert.Equal(sizes, received);
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task ClientStreamingAggregatesEveryRequest(string transport)
    {
        using var channel = Channel(transport);

        using var call = channel.ClientStreamingCall(Methods.StreamingInputCall);
        foreach (var size in new[] { 27_182, 8, 1_828, 45_904 })
        {
            await call.RequestStream.WriteAsync(new StreamingInputCallRequest { Payload = Zeros(size) });
        }

        await call.RequestStream.CompleteAsync();
        var response = await call;

        Assert.Equal(74_922, response.AggregatedPayloadSize);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task BidirectionalStreamingPingPongs(string transport)
    {
        using var channel = Channel(transport);
        int[] requestSizes = [27_182, 8, 1_828, 45_904];
        int[] responseSizes = [31_415, 9, 2_653, 58_979];

        using var call = channel.DuplexStreamingCall(Methods.FullDuplexCall);
        for (var i = 0; i < requestSizes.Length; i++)
        {
            await call.RequestStream.WriteAsync(new StreamingOutputCallRequest
            {
                Payload = Zeros(requestSizes[i]),
                ResponseParameters = { new ResponseParameters { Size = responseSizes[i] } },
            });
            Assert.True(await call.ResponseStream.MoveNext());
            Assert.Equal(responseSizes[i], call.ResponseStream.Current.Payload.Body.Length);
        }

        await call.RequestStream.CompleteAsync();

        Assert.False(await call.ResponseStream.MoveNext());
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task ManyConcurrentCallsShareOneChannel()
    {
        using var channel = Channel("h2c");

        var calls = Enumerable.Range(0, 200).Select(i => channel.UnaryCall(Methods.UnaryCall, new SimpleRequest { ResponseSize = i }).ResponseAsync);
        var responses = await Task.WhenAll(calls);

        Assert.Equal(Enumerable.Range(0, 200), responses.Select(r => r.Payload.Body.Length));
    }

    private RpcChannel Channel(string transport) => transport == "tls"
        ? new RpcChannel(server.Tls, new RpcChannelOptions
        {
            ServerCertificateValidation = (_, certificate, _, _) => certificate?.GetCertHashString() == server.Certificate.GetCertHashString(),
        })
        : new RpcChannel(server.H2c);

    private static Payload Zeros(int size) => new() { Body = ByteString.CopyFrom(new byte[size]) };
}
