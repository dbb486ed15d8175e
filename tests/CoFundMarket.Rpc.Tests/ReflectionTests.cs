using CoFundMarket.Rpc.Client;
using CoFundMarket.Rpc.Reflection.V1;
using CoFundMarket.Rpc.Tests.Fixtures;
using Google.Protobuf.Reflection;
using V1Alpha = CoFundMarket.Rpc.Reflection.V1Alpha;

namespace CoFundMarket.Rpc.Tests;

/// <summary>Server reflection v1 and v1alpha: list services, files by symbol and by name with their imports, in-band errors.</summary>
public sealed class ReflectionTests(RpcTestServer server) : IClassFixture<RpcTestServer>, IDisposable
{
    private static readonly RpcMethod<ServerReflectionRequest, ServerReflectionResponse> s_v1 =
        RpcMethod<ServerReflectionRequest, ServerReflectionResponse>.Create(ReflectionReflection.Descriptor.Services[0], "ServerReflectionInfo");

    private static readonly RpcMethod<V1Alpha.ServerReflectionRequest, V1Alpha.ServerReflectionResponse> s_v1Alpha =
        RpcMethod<V1Alpha.ServerReflectionRequest, V1Alpha.ServerReflectionResponse>.Create(V1Alpha.ReflectionReflection.Descriptor.Services[0], "ServerReflectionInfo");

    private readonly RpcChannel _channel = new(server.H2c);

    [Fact]
    public async Task ListServicesNamesEveryBoundService()
    {
        var answer = await AskAsync(new ServerReflectionRequest { ListServices = string.Empty });

        Assert.Equal(
            ["grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection", "grpc.reflection.v1alpha.ServerReflection", "grpc.testing.TestService", "rpctest.ProbeService"],
            answer.ListServicesResponse.Service.Select(s => s.Name).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("rpctest.ProbeService", "rpctest/probe.proto")]
    [InlineData("rpctest.ProbeService.Sleep", "rpctest/probe.proto")]
    [InlineData("rpctest.EchoResponse", "rpctest/probe.proto")]
    [InlineData("rpctest.EchoResponse.peer", "rpctest/probe.proto")]
    [InlineData("grpc.testing.PayloadType", "grpc/testing/test.proto")]
    [InlineData("grpc.testing.COMPRESSABLE", "grpc/testing/test.proto")]
    [InlineData("grpc.health.v1.HealthCheckResponse.ServingStatus", "grpc/health/v1/health.proto")]
    [InlineData("google.protobuf.Duration", "google/protobuf/duration.proto")]
    public async Task FileContainingSymbolFindsTheDefiningFile(string symbol, string file)
    {
        var answer = await AskAsync(new ServerReflectionRequest { FileContainingSymbol = symbol });

        Assert.Equal(file, Files(answer)[0].Name);
    }

    [Fact]
    public async Task AFileComesWithItsImportsTransitively()
    {
        var answer = await AskAsync(new ServerReflectionRequest { FileByFilename = "rpctest/probe.proto" });

        Assert.Equal(["rpctest/probe.proto", "google/protobuf/duration.proto", "grpc/testing/test.proto"], Files(answer).Select(f => f.Name));
    }

    [Fact]
    public async Task AnUnknownSymbolIsAnInBandNotFoundAndTheStreamGoesOn()
    {
        using var call = _channel.DuplexStreamingCall(s_v1);

        await call.RequestStream.WriteAsync(new ServerReflectionRequest { FileContainingSymbol = "no.such.Symbol" });
        Assert.True(await call.ResponseStream.MoveNext());
        var error = call.ResponseStream.Current.ErrorResponse;
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { FileByFilename = "grpc/testing/test.proto" });
        Assert.True(await call.ResponseStream.MoveNext());
        var file = call.ResponseStream.Current;
        await call.RequestStream.CompleteAsync();

        Assert.Equal((int)StatusCode.NotFound, error.ErrorCode);
        Assert.Contains("no.such.Symbol", error.ErrorMessage);
        Assert.Equal("grpc/testing/test.proto", Files(file)[0].Name);
        Assert.False(await call.ResponseStream.MoveNext());
    }

    [Fact]
    public async Task AnUnknownFileIsNotFound()
    {
        var answer = await AskAsync(new ServerReflectionRequest { FileByFilename = "nope.proto" });

        Assert.Equal((int)StatusCode.NotFound, answer.ErrorResponse.ErrorCode);
    }

    [Fact]
    public async Task ExtensionNumbersOfAKnownTypeWithoutExtensionsAreEmpty()
    {
        var answer = await AskAsync(new ServerReflectionRequest { AllExtensionNumbersOfType = "rpctest.EchoRequest" });

        Assert.Equal("rpctest.EchoRequest", answer.AllExtensionNumbersResponse.BaseTypeName);
        Assert.Empty(answer.AllExtensionNumbersResponse.ExtensionNumber);
    }

    [Fact]
    public async Task TheAnswerEchoesTheQuestion()
    {
        var question = new ServerReflectionRequest { Host = "example", ListServices = "*" };

        var answer = await AskAsync(question);

        Assert.Equal(question, answer.OriginalRequest);
        Assert.Equal("example", answer.ValidHost);
    }

    [Fact]
    public async Task V1AlphaAnswersTheSameQuestions()
    {
        var files = await AskV1AlphaForFilesAsync(new V1Alpha.ServerReflectionRequest { FileContainingSymbol = "grpc.testing.TestService" });

        Assert.Equal("grpc/testing/test.proto", files[0].Name);
        Assert.Equal("TestService", files[0].Service.Single().Name);
    }

    [Fact]
    public async Task V1AlphaSendsAFileWithItsImportsTransitively()
    {
        var files = await AskV1AlphaForFilesAsync(new V1Alpha.ServerReflectionRequest { FileByFilename = "rpctest/probe.proto" });

        Assert.Equal(["rpctest/probe.proto", "google/protobuf/duration.proto", "grpc/testing/test.proto"], files.Select(f => f.Name));
    }

    /// <summary>One v1alpha question on its own stream; the one answer's files, and nothing after it.</summary>
    private async Task<List<FileDescriptorProto>> AskV1AlphaForFilesAsync(V1Alpha.ServerReflectionRequest question)
    {
        using var call = _channel.DuplexStreamingCall(s_v1Alpha);
        await call.RequestStream.WriteAsync(question);
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext());
        var files = call.ResponseStream.Current.FileDescriptorResponse.FileDescriptorProto.Select(FileDescriptorProto.Parser.ParseFrom).ToList();
        Assert.False(await call.ResponseStream.MoveNext());
        return files;
    }

    private async Task<ServerReflectionResponse> AskAsync(ServerReflectionRequest question)
    {
        using var call = _channel.DuplexStreamingCall(s_v1);
        await call.RequestStream.WriteAsync(question);
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext());
        var answer = call.ResponseStream.Current;
        Assert.False(await call.ResponseStream.MoveNext());
        return answer;
    }

    private static List<FileDescriptorProto> Files(ServerReflectionResponse answer) =>
        answer.FileDescriptorResponse.FileDescriptorProto.Select(bytes => FileDescriptorProto.Parser.ParseFrom(bytes)).ToList();

    public void Dispose() => _channel.Dispose();
}
