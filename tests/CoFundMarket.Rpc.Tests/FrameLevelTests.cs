using CoFundMarket.Rpc.Tests.Fixtures;
using CoFundMarket.Rpc.Tests.Interop;
using CoFundMarket.Rpc.Tests.Probes;

namespace CoFundMarket.Rpc.Tests;

/// <summary>
/// What goes over the wire frame by frame: seen by nghttp (Debian nghttp2-client, installed by test.sh), and by
/// <see cref="Http2Wire"/>'s hand-made frames where the request side must stay open (nghttp always ends it).
/// </summary>
public sealed class FrameLevelTests(RpcTestServer server) : IClassFixture<RpcTestServer>
{
    [Fact]
    public async Task AnImmediateErrorIsOneHeadersFrameThatEndsTheStream()
    {
        var output = await NghttpAsync("/grpc.testing.UnimplementedService/Call", new Empty());

        var received = ReceivedFrames(output, 13);
        Assert.Single(received);
        Assert.StartsWith("recv HEADERS frame", received[0]);
        Assert.Contains("flags=0x05", received[0]);
        Assert.Contains("grpc-status: 12", output);
    }

    [Fact]
    public async Task AnOkCallIsHeadersDataAndTrailers()
    {
        var output = await NghttpAsync("/grpc.testing.TestService/EmptyCall", new Empty());

        var received = ReceivedFrames(output, 13);
        Assert.Equal(3, received.Count);
        Assert.StartsWith("recv HEADERS frame", received[0]);
        Assert.StartsWith("recv DATA frame", received[1]);
        Assert.StartsWith("recv HEADERS frame", received[2]);
        Assert.Contains("flags=0x05", received[2]);
    }

    [Fact]
    public async Task ADeadlineSendsTheStatusInOneHeadersFrameToNghttp()
    {
        var output = await NghttpAsync("/rpctest.ProbeService/Sleep", new SleepRequest { Id = Guid.NewGuid().ToString() }, "grpc-timeout: 200m");

        var received = ReceivedFrames(output, 13);
        Assert.Single(received);
        Assert.Contains("flags=0x05", received[0]);
        Assert.Contains("grpc-status: 4", output);
    }

    [Fact]
    public async Task ADeadlineWhileTheRequestIsOpenEndsWithRstStreamCancel()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await using var wire = await Http2Wire.ConnectAsync(server.H2c);
        var id = Guid.NewGuid().ToString();

        await wire.StartCallAsync(1, "/rpctest.ProbeService/Sleep", ("grpc-timeout", "200m"));
        await wire.SendDataAsync(1, Frame.Of(new SleepRequest { Id = id }), endStream: false);
        var frames = await wire.ReadStreamAsync(1, TimeSpan.FromSeconds(5), timeout.Token);

        Assert.Equal([Http2Wire.Headers, Http2Wire.RstStream], frames.Select(f => f.Type));
        Assert.True(frames[0].Has(Http2Wire.EndStream));
        Assert.Contains("grpc-status", frames[0].HeaderText);
        Assert.Equal(8u, frames[1].ErrorCode);
    }

    [Fact]
    public async Task AClientResetCancelsTheHandlerAndTheConnectionServesOn()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await using var wire = await Http2Wire.ConnectAsync(server.H2c);
        var id = Guid.NewGuid().ToString();

        await wire.StartCallAsync(1, "/rpctest.ProbeService/Sleep");
        await wire.SendDataAsync(1, Frame.Of(new SleepRequest { Id = id }), endStream: true);
        await server.Observer.WhenStarted(id).WaitAsync(timeout.Token);
        await wire.ResetAsync(1, 8);
        var deadlinePassed = await server.Observer.WhenCancelled(id).WaitAsync(timeout.Token);

        await wire.StartCallAsync(3, "/grpc.testing.TestService/EmptyCall");
        await wire.SendDataAsync(3, Frame.Of(new Empty()), endStream: true);
        var frames = await wire.ReadStreamAsync(3, TimeSpan.Zero, timeout.Token);

        Assert.False(deadlinePassed);
        Assert.Equal([Http2Wire.Headers, Http2Wire.Data, Http2Wire.Headers], frames.Select(f => f.Type));
    }

    [Fact]
    public async Task AMessageSplitAcrossDataFramesIsReassembled()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await using var wire = await Http2Wire.ConnectAsync(server.H2c);
        var body = Frame.Of(new EchoRequest { Payload = Google.Protobuf.ByteString.CopyFromUtf8("split across frames") });

        await wire.StartCallAsync(1, "/rpctest.ProbeService/Echo");
        for (var offset = 0; offset < body.Length; offset += 3)
        {
            await wire.SendDataAsync(1, body[offset..Math.Min(offset + 3, body.Length)], endStream: false);
        }

        await wire.SendDataAsync(1, [], endStream: true);
        var frames = await wire.ReadStreamAsync(1, TimeSpan.Zero, timeout.Token);

        var data = frames.Where(f => f.Type == Http2Wire.Data).SelectMany(f => f.Payload).ToArray();
        Assert.Equal("split across frames", EchoResponse.Parser.ParseFrom(Fixtures.Frame.Split(data).Single().Payload).Payload.ToStringUtf8());
    }

    private async Task<string> NghttpAsync(string path, Google.Protobuf.IMessage request, params string[] headers)
    {
        using var body = TemporaryFile.WithBytes(Frame.Of(request));
        List<string> arguments = ["-v", "-n", "-t", "20", "-H", "content-type: application/grpc", "-H", "te: trailers", "-d", body.Path];
        foreach (var header in headers)
        {
            arguments.AddRange(["-H", header]);
        }

        arguments.Add(new Uri(server.H2c, path).ToString());
        var result = await ChildProcess.RunAsync("nghttp", arguments, timeout: TimeSpan.FromSeconds(30));
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Output;
    }

    /// <summary>The lines announcing frames received on one stream.</summary>
    private static List<string> ReceivedFrames(string output, int streamId) =>
        output.Split('\n')
            .Select(line => line.Trim())
            .Select(line => line[(line.IndexOf(']', StringComparison.Ordinal) + 1)..].Trim())
            .Where(line => line.StartsWith("recv ", StringComparison.Ordinal) && line.Contains($"stream_id={streamId}>", StringComparison.Ordinal) && line.Contains(" frame ", StringComparison.Ordinal))
            .ToList();
}
