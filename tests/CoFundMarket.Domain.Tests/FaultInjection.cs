using CoFundMarket.Runtime.Calls;
using CoFundMarket.Runtime.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CoFundMarket.Domain.Tests;

/// <summary>
/// Where the next crash happens: the <see cref="Occurrence"/>-th call of <see cref="Method"/>
/// (<c>Interface.Method</c>), just before the grain runs it or just after it committed.
/// </summary>
internal sealed record KillPoint(string Method, bool AfterCall, int Occurrence = 1);

/// <summary>Shared by every silo of a test: the armed kill point, if any, and whether it fired.</summary>
internal sealed class FaultPlan
{
    private readonly Lock _lock = new();
    private KillPoint? _armed;
    private int _seen;

    public bool Fired { get; private set; }

    public bool IsArmed
    {
        get
        {
            lock (_lock)
            {
                return _armed is not null;
            }
        }
    }

    public void Arm(KillPoint point)
    {
        lock (_lock)
        {
            (_armed, _seen, Fired) = (point, 0, false);
        }
    }

    public void Disarm()
    {
        lock (_lock)
        {
            _armed = null;
        }
    }

    /// <summary>True when this call is the one to crash at (and disarms).</summary>
    public bool ShouldKill(string method, bool afterCall)
    {
        lock (_lock)
        {
            if (_armed is not { } point || point.Method != method || point.AfterCall != afterCall || ++_seen < point.Occurrence)
            {
                return false;
            }

            (_armed, Fired) = (null, true);
            return true;
        }
    }
}

/// <summary>Kills its silo at the planned point, as a process crash would: the call in flight never returns normally.</summary>
internal sealed class CrashFilter(FaultPlan plan, IServiceProvider services) : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        var method = $"{context.InterfaceMethod.DeclaringType!.Name}.{context.InterfaceMethod.Name}";
        if (plan.ShouldKill(method, afterCall: false))
        {
            await Crash();
        }

        await context.Invoke();
        if (plan.ShouldKill(method, afterCall: true))
        {
            await Crash();
        }
    }

    private async Task Crash()
    {
        var silo = services.GetRequiredService<Silo>();
        await silo.KillAsync();
        throw new SiloUnavailableException("Injected crash: the silo was killed here.");
    }
}

internal static class FaultInjection
{
    public static Action<IServiceCollection> Services(FaultPlan plan) => services =>
    {
        services.AddSingleton(plan);
        services.AddSingleton<IIncomingGrainCallFilter, CrashFilter>();
    };
}
