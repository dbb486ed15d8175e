using CoFundMarket.Rpc.Health;
using CoFundMarket.Rpc.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CoFundMarket.Rpc.Hosting;

/// <summary>Maps the bound services onto ASP.NET Core endpoint routing.</summary>
public static class RpcEndpointRouteBuilderExtensions
{
    private static readonly string[] s_httpMethods = [HttpMethods.Post, HttpMethods.Options];

    /// <summary>
    /// Maps one endpoint per RPC at <c>/package.Service/Method</c> (POST, plus OPTIONS for CORS preflight), and,
    /// unless <see cref="RpcServerOptions.IgnoreUnknownServices"/>, catch-all routes that answer gRPC requests for
    /// unknown services and methods with UNIMPLEMENTED. Each endpoint carries its <see cref="RpcMethod"/> as metadata.
    /// The returned builder adds conventions (metadata, authorization, host filters) to all of them.
    /// </summary>
    public static IEndpointConventionBuilder MapRpcServices(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var services = endpoints.ServiceProvider;
        var registry = services.GetService<RpcServiceRegistry>()
            ?? throw new InvalidOperationException("Call services.AddRpc() before app.MapRpcServices().");
        var options = services.GetRequiredService<IOptions<RpcServerOptions>>().Value;
        var filters = new IRpcFilter[registry.FilterTypes.Count];
        for (var i = 0; i < filters.Length; i++)
        {
            filters[i] = (IRpcFilter)services.GetRequiredService(registry.FilterTypes[i]);
        }

        var runtime = new RpcServerRuntime(options, filters, services.GetRequiredService<ILoggerFactory>().CreateLogger("CoFundMarket.Rpc"));
        var conventions = new List<IEndpointConventionBuilder>();
        foreach (var service in registry.Services)
        {
            foreach (var binding in service.Methods)
            {
                var handler = binding.CreateHandler(runtime);
                conventions.Add(endpoints.MapMethods(binding.Method.FullName, s_httpMethods, handler.HandleAsync)
                    .WithDisplayName("gRPC - " + binding.Method.FullName)
                    .WithMetadata(binding.Method));
            }

            if (!options.IgnoreUnknownServices)
            {
                var unknownMethod = new UnimplementedEndpoint(runtime, "Method is unimplemented.");
                conventions.Add(endpoints.Map(UnknownRoute("/" + service.Descriptor.FullName + "/{method}"), unknownMethod.HandleAsync)
                    .WithDisplayName("gRPC - unimplemented method of " + service.Descriptor.FullName));
            }
        }

        if (!options.IgnoreUnknownServices)
        {
            var unknownService = new UnimplementedEndpoint(runtime, "Service is unimplemented.");
            conventions.Add(endpoints.Map(UnknownRoute("/{service}/{method}"), unknownService.HandleAsync)
                .WithDisplayName("gRPC - unimplemented service"));
        }

        services.GetService<HealthStatusRegistry>()?.RegisterServing(registry.ServiceNames());
        return new CompositeEndpointConventionBuilder(conventions);
    }

    private static RoutePattern UnknownRoute(string pattern) =>
        RoutePatternFactory.Parse(pattern, defaults: null, parameterPolicies: new { method = new GrpcRequestConstraint() });
}
