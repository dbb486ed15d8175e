using System.Net;
using System.Security.Cryptography.X509Certificates;
using CoFundMarket.Rpc.Health;
using CoFundMarket.Rpc.Hosting;
using CoFundMarket.Rpc.Reflection;
using CoFundMarket.Rpc.Tests.Interop;
using CoFundMarket.Rpc.Tests.Probes;
using CoFundMarket.Rpc.Tests.Services;
using CoFundMarket.Runtime.Testing;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CoFundMarket.Rpc.Tests.Fixtures;

/// <summary>
/// The test services on real Kestrel, on free loopback ports: h2c (HTTP/2 only), HTTP/1.1, and TLS with ALPN
/// (HTTP/1.1 and HTTP/2) using a certificate made in the test. One per test class.
/// </summary>
public class RpcTestServer : IAsyncLifetime
{
    private WebApplication? _app;

    public Uri H2c { get; private set; } = null!;

    public Uri Http1 { get; private set; } = null!;

    public Uri Tls { get; private set; } = null!;

    public X509Certificate2 Certificate { get; } = TestCertificate.Create();

    public CallObserver Observer { get; } = new();

    public LogSink Logs { get; } = new();

    public IServiceProvider Services => _app!.Services;

    /// <summary>Extra settings a test class wants (e.g. a smaller receive limit).</summary>
    public Action<RpcServerOptions>? Configure { get; init; }

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(Logs);
        ListenOptions? h2c = null;
        ListenOptions? http1 = null;
        ListenOptions? tls = null;
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0, listen =>
            {
                listen.Protocols = HttpProtocols.Http2;
                h2c = listen;
            });
            kestrel.Listen(IPAddress.Loopback, 0, listen =>
            {
                listen.Protocols = HttpProtocols.Http1;
                http1 = listen;
            });
            kestrel.Listen(IPAddress.Loopback, 0, listen =>
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                listen.UseHttps(Certificate);
                tls = listen;
            });
        });

        builder.Services.AddSingleton(Observer);
        builder.Services
            .AddRpc(options =>
            {
                options.Cors.AllowedOrigins.Add(AllowedOrigin);
                Configure?.Invoke(options);
            })
            .AddService<TestServiceImpl>(TestReflection.Descriptor.Services[0])
            .AddService<ProbeServiceImpl>(ProbeReflection.Descriptor.Services[0], ServiceLifetime.Singleton)
            .AddFilter<TestFilter>()
            .AddHealthService()
            .AddReflectionService();

        _app = builder.Build();
        _app.MapRpcServices();
        _app.MapPost("/not/grpc", () => Results.Text("plain"));
        await _app.StartAsync();

        H2c = new Uri($"http://127.0.0.1:{h2c!.IPEndPoint!.Port}");
        Http1 = new Uri($"http://127.0.0.1:{http1!.IPEndPoint!.Port}");
        Tls = new Uri($"https://localhost:{tls!.IPEndPoint!.Port}");
    }

    public const string AllowedOrigin = "https://app.example";

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Certificate.Dispose();
    }

    /// <summary>The test protos and their imports as a FileDescriptorSet (for Python's descriptor pool and buf's --schema).</summary>
    public static byte[] DescriptorSet()
    {
        var set = new FileDescriptorSet();
        var seen = new HashSet<string>();
        void Add(FileDescriptor file)
        {
            if (!seen.Add(file.Name))
            {
                return;
            }

            foreach (var dependency in file.Dependencies)
            {
                Add(dependency);
            }

            set.File.Add(FileDescriptorProto.Parser.ParseFrom(file.SerializedData));
        }

        Add(TestReflection.Descriptor);
        Add(ProbeReflection.Descriptor);
        return set.ToByteArray();
    }
}
