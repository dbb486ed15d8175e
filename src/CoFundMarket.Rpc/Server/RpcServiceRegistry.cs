namespace CoFundMarket.Rpc.Server;

/// <summary>What <c>AddRpc()</c> collected: the bound services and the filter types, in order. One per application.</summary>
internal sealed class RpcServiceRegistry
{
    private readonly List<BoundService> _services = [];

    public IReadOnlyList<BoundService> Services => _services;

    public List<Type> FilterTypes { get; } = [];

    public void Add(BoundService service)
    {
        foreach (var existing in _services)
        {
            if (existing.Descriptor.FullName == service.Descriptor.FullName)
            {
                throw new InvalidOperationException($"Service {service.Descriptor.FullName} is bound twice ({existing.ImplementationType.Name} and {service.ImplementationType.Name}).");
            }
        }

        _services.Add(service);
    }

    public IReadOnlyList<string> ServiceNames()
    {
        var names = new string[_services.Count];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = _services[i].Descriptor.FullName;
        }

        return names;
    }
}
