using CoFundMarket.Rpc.Tests.Interop;
using CoFundMarket.Rpc.Tests.Probes;
using HealthV1 = CoFundMarket.Rpc.Health.V1;

namespace CoFundMarket.Rpc.Tests.Fixtures;

/// <summary>The RPCs the tests call, for the client.</summary>
public static class Methods
{
    private static readonly Google.Protobuf.Reflection.ServiceDescriptor s_test = TestReflection.Descriptor.Services[0];
    private static readonly Google.Protobuf.Reflection.ServiceDescriptor s_probe = ProbeReflection.Descriptor.Services[0];

    public static readonly RpcMethod<Empty, Empty> EmptyCall = RpcMethod<Empty, Empty>.Create(s_test, "EmptyCall");
    public static readonly RpcMethod<SimpleRequest, SimpleResponse> UnaryCall = RpcMethod<SimpleRequest, SimpleResponse>.Create(s_test, "UnaryCall");
    public static readonly RpcMethod<StreamingOutputCallRequest, StreamingOutputCallResponse> StreamingOutputCall = RpcMethod<StreamingOutputCallRequest, StreamingOutputCallResponse>.Create(s_test, "StreamingOutputCall");
    public static readonly RpcMethod<StreamingInputCallRequest, StreamingInputCallResponse> StreamingInputCall = RpcMethod<StreamingInputCallRequest, StreamingInputCallResponse>.Create(s_test, "StreamingInputCall");
    public static readonly RpcMethod<StreamingOutputCallRequest, StreamingOutputCallResponse> FullDuplexCall = RpcMethod<StreamingOutputCallRequest, StreamingOutputCallResponse>.Create(s_test, "FullDuplexCall");
    public static readonly RpcMethod<SleepRequest, SleepResponse> Sleep = RpcMethod<SleepRequest, SleepResponse>.Create(s_probe, "Sleep");
    public static readonly RpcMethod<SleepRequest, Payload> SleepStream = RpcMethod<SleepRequest, Payload>.Create(s_probe, "SleepStream");
    public static readonly RpcMethod<FailRequest, Empty> Fail = RpcMethod<FailRequest, Empty>.Create(s_probe, "Fail");
    public static readonly RpcMethod<FailRequest, Payload> FailStream = RpcMethod<FailRequest, Payload>.Create(s_probe, "FailStream");
    public static readonly RpcMethod<EchoRequest, EchoResponse> Echo = RpcMethod<EchoRequest, EchoResponse>.Create(s_probe, "Echo");
    public static readonly RpcMethod<HealthV1.HealthCheckRequest, HealthV1.HealthCheckResponse> HealthCheck = RpcMethod<HealthV1.HealthCheckRequest, HealthV1.HealthCheckResponse>.Create(HealthV1.HealthReflection.Descriptor.Services[0], "Check");
    public static readonly RpcMethod<HealthV1.HealthCheckRequest, HealthV1.HealthCheckResponse> HealthWatch = RpcMethod<HealthV1.HealthCheckRequest, HealthV1.HealthCheckResponse>.Create(HealthV1.HealthReflection.Descriptor.Services[0], "Watch");
}
