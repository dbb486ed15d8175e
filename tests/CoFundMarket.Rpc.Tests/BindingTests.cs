using CoFundMarket.Rpc.Hosting;
using CoFundMarket.Rpc.Tests.Interop;
using CoFundMarket.Rpc.Tests.Services;
using Microsoft.Extensions.DependencyInjection;

namespace CoFundMarket.Rpc.Tests;

/// <summary>Binding an implementation to a proto service happens at start-up and fails loudly when anything is missing or wrong.</summary>
public sealed class BindingTests
{
    private static readonly Google.Protobuf.Reflection.ServiceDescriptor s_testService = TestReflection.Descriptor.Services[0];

    [Fact]
    public void ACompleteImplementationBinds()
    {
        var services = new ServiceCollection();

        services.AddRpc().AddService<TestServiceImpl>(s_testService);

        Assert.Contains(services, d => d.ServiceType == typeof(TestServiceImpl) && d.Lifetime == ServiceLifetime.Scoped);
    }

    [Fact]
    public void AMissingHandlerFailsStartUpAndNamesEveryMissingRpc()
    {
        var error = Assert.Throws<RpcBindingException>(() => new ServiceCollection().AddRpc().AddService<PartialService>(s_testService));

        Assert.Equal("grpc.testing.TestService", error.ServiceName);
        Assert.Equal(5, error.Problems.Count);
        Assert.Contains(error.Problems, p => p.StartsWith("rpc StreamingOutputCall (ServerStreaming) has no handler", StringComparison.Ordinal)
            && p.Contains("Task StreamingOutputCall(StreamingOutputCallRequest, IServerStreamWriter<StreamingOutputCallResponse>, ServerCallContext)", StringComparison.Ordinal));
    }

    [Fact]
    public void AHandlerWithTheWrongSignatureFailsStartUp()
    {
        var error = Assert.Throws<RpcBindingException>(() => new ServiceCollection().AddRpc().AddService<WrongSignatureService>(s_testService));

        Assert.Contains(error.Problems, p => p.StartsWith("rpc UnaryCall (Unary): handler Task<SimpleResponse> UnaryCall(SimpleRequest) does not match", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.StartsWith("rpc EmptyCall (Unary): handler Task<Empty> EmptyCall(SimpleRequest, ServerCallContext) does not match", StringComparison.Ordinal));
    }

    [Fact]
    public void TheSameServiceCannotBeBoundTwice()
    {
        var builder = new ServiceCollection().AddRpc().AddService<TestServiceImpl>(s_testService);

        Assert.Throws<InvalidOperationException>(() => builder.AddService<TestServiceImpl>(s_testService));
    }

    [Fact]
    public void AnExistingRegistrationMustHaveTheBoundLifetime()
    {
        var services = new ServiceCollection().AddSingleton<TestServiceImpl>();

        Assert.Throws<InvalidOperationException>(() => services.AddRpc().AddService<TestServiceImpl>(s_testService));
    }

    [Fact]
    public void AClientMethodMustUseTheDescriptorsMessageTypes() =>
        Assert.Throws<ArgumentException>(() => RpcMethod<Empty, SimpleResponse>.Create(s_testService, "UnaryCall"));

    public sealed class PartialService
    {
        public Task<Empty> EmptyCall(Empty request, ServerCallContext context) => Task.FromResult(new Empty());
    }

    public sealed class WrongSignatureService
    {
        public Task<SimpleResponse> UnaryCall(SimpleRequest request) => Task.FromResult(new SimpleResponse());

        public Task<Empty> EmptyCall(SimpleRequest request, ServerCallContext context) => Task.FromResult(new Empty());

        public Task StreamingOutputCall(StreamingOutputCallRequest request, IServerStreamWriter<StreamingOutputCallResponse> responseStream, ServerCallContext context) => Task.CompletedTask;

        public Task<StreamingInputCallResponse> StreamingInputCall(IAsyncStreamReader<StreamingInputCallRequest> requestStream, ServerCallContext context) => Task.FromResult(new StreamingInputCallResponse());

        public Task FullDuplexCall(IAsyncStreamReader<StreamingOutputCallRequest> requestStream, IServerStreamWriter<StreamingOutputCallResponse> responseStream, ServerCallContext context) => Task.CompletedTask;

        public Task HalfDuplexCall(IAsyncStreamReader<StreamingOutputCallRequest> requestStream, IServerStreamWriter<StreamingOutputCallResponse> responseStream, ServerCallContext context) => Task.CompletedTask;
    }
}
