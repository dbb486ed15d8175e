using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using ServingStatus = CoFundMarket.Rpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace CoFundMarket.Rpc.Health;

/// <summary>
/// The serving status of the server (service name <c>""</c>) and of each service, as <c>grpc.health.v1.Health</c>
/// reports it. <c>MapRpcServices()</c> marks the server and every bound service SERVING; the application changes
/// them with <see cref="SetStatus"/> (e.g. NOT_SERVING while storage is down), and when the host starts stopping,
/// everything turns NOT_SERVING and open Watch calls end.
/// </summary>
public sealed class HealthStatusRegistry
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ServingStatus> _statuses = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<ChannelWriter<ServingStatus>>> _watchers = new(StringComparer.Ordinal);
    private bool _stopping;

    /// <summary>A registry; with a host lifetime, it turns everything NOT_SERVING when the host starts stopping.</summary>
    public HealthStatusRegistry(IHostApplicationLifetime? lifetime = null) =>
        lifetime?.ApplicationStopping.Register(static state => ((HealthStatusRegistry)state!).Stop(), this);

    /// <summary>Sets a service's status; watchers hear of it when it changes. Ignored once the host is stopping.</summary>
    public void SetStatus(string service, ServingStatus status)
    {
        ArgumentNullException.ThrowIfNull(service);
        lock (_gate)
        {
            // Once the host is stopping everything stays NOT_SERVING, whatever a probe still in flight concludes.
            if (_stopping || (_statuses.TryGetValue(service, out var previous) && previous == status))
            {
                return;
            }

            _statuses[service] = status;
            Notify(service, status);
        }
    }

    /// <summary>Forgets a service: Check answers NOT_FOUND and watchers hear SERVICE_UNKNOWN.</summary>
    public bool ClearStatus(string service)
    {
        lock (_gate)
        {
            if (!_statuses.Remove(service))
            {
                return false;
            }

            Notify(service, ServingStatus.ServiceUnknown);
            return true;
        }
    }

    /// <summary>A service's status; false when it is not registered.</summary>
    public bool TryGetStatus(string service, out ServingStatus status)
    {
        lock (_gate)
        {
            return _statuses.TryGetValue(service, out status);
        }
    }

    /// <summary>Every registered service with its status.</summary>
    public IReadOnlyDictionary<string, ServingStatus> GetAll()
    {
        lock (_gate)
        {
            return new Dictionary<string, ServingStatus>(_statuses, StringComparer.Ordinal);
        }
    }

    /// <summary>Registers the server and these services as SERVING, leaving any status already set alone.</summary>
    internal void RegisterServing(IEnumerable<string> services)
    {
        lock (_gate)
        {
            _statuses.TryAdd(string.Empty, ServingStatus.Serving);
            foreach (var service in services)
            {
                _statuses.TryAdd(service, ServingStatus.Serving);
            }
        }
    }

    /// <summary>Starts watching: the writer gets the current status at once (SERVICE_UNKNOWN when unregistered), then each change.</summary>
    internal bool Subscribe(string service, ChannelWriter<ServingStatus> watcher)
    {
        lock (_gate)
        {
            if (_stopping)
            {
                return false;
            }

            watcher.TryWrite(_statuses.TryGetValue(service, out var status) ? status : ServingStatus.ServiceUnknown);
            if (!_watchers.TryGetValue(service, out var list))
            {
                _watchers[service] = list = [];
            }

            list.Add(watcher);
            return true;
        }
    }

    internal void Unsubscribe(string service, ChannelWriter<ServingStatus> watcher)
    {
        lock (_gate)
        {
            if (_watchers.TryGetValue(service, out var list) && list.Remove(watcher) && list.Count == 0)
            {
                _watchers.Remove(service);
            }
        }
    }

    private void Stop()
    {
        lock (_gate)
        {
            _stopping = true;
            foreach (var service in _statuses.Keys.ToArray())
            {
                _statuses[service] = ServingStatus.NotServing;
                Notify(service, ServingStatus.NotServing);
            }

            foreach (var list in _watchers.Values)
            {
                foreach (var watcher in list)
                {
                    watcher.TryComplete();
                }
            }
        }
    }

    private void Notify(string service, ServingStatus status)
    {
        if (_watchers.TryGetValue(service, out var list))
        {
            foreach (var watcher in list)
            {
                watcher.TryWrite(status);
            }
        }
    }
}
