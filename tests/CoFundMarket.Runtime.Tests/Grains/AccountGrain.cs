using System.Collections.Immutable;
using CoFundMarket.Runtime.Context;
using CoFundMarket.Runtime.Grains;
using CoFundMarket.Runtime.Journal;

namespace CoFundMarket.Runtime.Tests.Grains;

public abstract record AccountEvent;

public sealed record Deposited(long Amount, string Memo) : AccountEvent;

public sealed record Withdrawn(long Amount) : AccountEvent;

public sealed record AccountState(long Balance, ImmutableList<string> Memos) : IJournalState<AccountState, AccountEvent>
{
    public static AccountState Initial { get; } = new(0, []);

    public AccountState Apply(AccountEvent @event) => @event switch
    {
        Deposited d => this with { Balance = checked(Balance + d.Amount), Memos = Memos.Add(d.Memo) },
        Withdrawn w => this with { Balance = checked(Balance - w.Amount) },
        _ => throw new InvalidOperationException($"Unknown event {@event.GetType().Name}"),
    };
}

public interface IAccountGrain : IGrainWithStringKey
{
    Task<long> Deposit(long amount, string memo);

    Task<long> Withdraw(long amount);

    Task<long> DepositTwiceAtomically(long amount);

    Task<AccountState> Read();

    Task<long> JournalVersion();
}

[GrainType("account")]
public sealed class AccountGrain : JournaledGrain<AccountState, AccountEvent>, IAccountGrain
{
    public async Task<long> Deposit(long amount, string memo)
    {
        RaiseEvent(new Deposited(amount, memo));
        await ConfirmEvents();
        return State.Balance;
    }

    public async Task<long> Withdraw(long amount)
    {
        if (amount > State.Balance)
        {
            throw new InvalidOperationException($"Balance {State.Balance} is below {amount}; actor {RequestContext.Actor.UserId}.");
        }

        RaiseEvent(new Withdrawn(amount));
        await ConfirmEvents();
        return State.Balance;
    }

    public async Task<long> DepositTwiceAtomically(long amount)
    {
        RaiseEvent(new Deposited(amount, "first"));
        RaiseEvent(new Deposited(amount, "second"));
        await ConfirmEvents();
        return State.Balance;
    }

    public Task<AccountState> Read() => Task.FromResult(State);

    public Task<long> JournalVersion() => Task.FromResult(Version);
}

public interface IHotAccountGrain : IGrainWithStringKey
{
    Task<long> Deposit(long amount, string memo);

    Task<AccountState> Read();
}

/// <summary>A reentrant journaled grain: concurrent deposits share commits.</summary>
[Reentrant]
[GrainType("hot-account")]
public sealed class HotAccountGrain : JournaledGrain<AccountState, AccountEvent>, IHotAccountGrain
{
    public async Task<long> Deposit(long amount, string memo)
    {
        RaiseEvent(new Deposited(amount, memo));
        await ConfirmEvents();
        return State.Balance;
    }

    public Task<AccountState> Read() => Task.FromResult(State);
}
