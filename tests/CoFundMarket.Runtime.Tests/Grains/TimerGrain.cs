using CoFundMarket.Runtime.Grains;
using CoFundMarket.Runtime.Timers;

namespace CoFundMarket.Runtime.Tests.Grains;

public interface ITimerGrain : IGrainWithStringKey
{
    Task Start(TimeSpan period);

    Task<int> Ticks();

    Task Stop();
}

[GrainType("timer")]
public sealed class TimerGrain : Grain, ITimerGrain
{
    private IDisposable? _timer;
    private int _ticks;

    public Task Start(TimeSpan period)
    {
        _timer = RegisterGrainTimer(_ =>
        {
            _ticks++;
            return Task.CompletedTask;
        }, new GrainTimerOptions(period, period));
        return Task.CompletedTask;
    }

    public Task<int> Ticks() => Task.FromResult(_ticks);

    public Task Stop()
    {
        _timer?.Dispose();
        return Task.CompletedTask;
    }
}
