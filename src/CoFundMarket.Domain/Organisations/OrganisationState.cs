using System.Collections.Immutable;
using CoFundMarket.Domain.Common;
using CoFundMarket.Runtime.Journal;

namespace CoFundMarket.Domain.Organisations;

/// <summary>
/// An organisation as its events made it. The budget keeps only facts: ceilings and one
/// reservation per pledge that holds money (reserved or committed); reserved, committed and
/// available are computed from them on read, never stored twice.
/// </summary>
public sealed record OrganisationState(
    string? Code,
    string Name,
    OrganisationKind Kind,
    string? RegionCode,
    string? IcbCode,
    ImmutableSortedDictionary<string, Money> Ceilings,
    ImmutableSortedDictionary<string, Reservation> Reservations) : IJournalState<OrganisationState, OrganisationEvent>
{
    /// <summary>Not registered.</summary>
    public static OrganisationState Initial { get; } = new(null, "", OrganisationKind.Unspecified, null, null,
        ImmutableSortedDictionary<string, Money>.Empty.WithComparers(StringComparer.Ordinal),
        ImmutableSortedDictionary<string, Reservation>.Empty.WithComparers(StringComparer.Ordinal));

    /// <summary>Registered in the marketplace.</summary>
    public bool IsRegistered => Code is not null;

    // Reserved and committed per financial year, for the Reservations instance they were summed from:
    // derived, never stored. Every pledge reserves, so a reservation carries the sums forward instead
    // of walking all of an organisation's reservations again; other changes sum afresh when asked.
    private (ImmutableSortedDictionary<string, Reservation> Of, ImmutableDictionary<string, (Money Reserved, Money Committed)> Years)? _sums;

    /// <summary>The budget of one financial year, derived.</summary>
    public BudgetView Budget(string financialYear)
    {
        var ceiling = Ceilings.GetValueOrDefault(financialYear, Money.Zero);
        var (reserved, committed) = YearSums().GetValueOrDefault(financialYear, (Money.Zero, Money.Zero));
        return new BudgetView(financialYear, ceiling, reserved, committed);
    }

    /// <inheritdoc />
    public OrganisationState Apply(OrganisationEvent @event) => @event switch
    {
        OrganisationRegistered e => this with { Code = e.Code, Name = e.Name, Kind = e.Kind, RegionCode = e.RegionCode, IcbCode = e.IcbCode },
        BudgetSet e => this with { Ceilings = Ceilings.SetItem(e.FinancialYear, e.Ceiling) },
        BudgetReserved e => WithReservation(e),
        BudgetReleased e => this with { Reservations = Reservations.Remove(e.PledgeId) },
        BudgetCommitted e => this with { Reservations = Reservations.SetItem(e.PledgeId, Reservations[e.PledgeId] with { Committed = true }) },
        _ => throw new InvalidOperationException($"Organisation cannot apply {@event.GetType().Name}."),
    };

    private OrganisationState WithReservation(BudgetReserved e)
    {
        var years = YearSums();
        var (reserved, committed) = years.GetValueOrDefault(e.FinancialYear, (Money.Zero, Money.Zero));
        var next = this with { Reservations = Reservations.Add(e.PledgeId, new Reservation(e.ProjectId, e.FinancialYear, e.Amount, Committed: false)) };
        next._sums = (next.Reservations, years.SetItem(e.FinancialYear, (reserved + e.Amount, committed)));
        return next;
    }

    private ImmutableDictionary<string, (Money Reserved, Money Committed)> YearSums()
    {
        if (_sums is { } cached && ReferenceEquals(cached.Of, Reservations))
        {
            return cached.Years;
        }

        var years = Reservations.Values
            .GroupBy(r => r.FinancialYear, StringComparer.Ordinal)
            .ToImmutableDictionary(
                g => g.Key,
                g => (Money.Sum(g.Where(r => !r.Committed).Select(r => r.Amount)), Money.Sum(g.Where(r => r.Committed).Select(r => r.Amount))),
                StringComparer.Ordinal);
        _sums = (Reservations, years);
        return years;
    }
}

/// <summary>Money a pledge holds in an organisation's budget.</summary>
/// <param name="ProjectId">The project pledged to.</param>
/// <param name="FinancialYear">The year it counts against.</param>
/// <param name="Amount">How much.</param>
/// <param name="Committed">Committed (its project was funded); otherwise reserved.</param>
public sealed record Reservation(string ProjectId, string FinancialYear, Money Amount, bool Committed);

/// <summary>One financial year's budget of one organisation.</summary>
/// <param name="FinancialYear">For example <c>2026/27</c>.</param>
/// <param name="Ceiling">The most it may co-fund that year.</param>
/// <param name="Reserved">Held by active pledges.</param>
/// <param name="Committed">Held by pledges of funded projects.</param>
public sealed record BudgetView(string FinancialYear, Money Ceiling, Money Reserved, Money Committed)
{
    /// <summary>ceiling − reserved − committed.</summary>
    public Money Available => Ceiling - Reserved - Committed;
}
