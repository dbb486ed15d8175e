namespace CoFundMarket.Domain.Invariants;

/// <summary>One invariant that does not hold, precisely located.</summary>
/// <param name="Rule">Which rule, for example <c>BUDGET_WITHIN_CEILING</c>.</param>
/// <param name="Entity">Where, for example <c>organisation/RTE 2026/27</c>.</param>
/// <param name="Detail">What was expected and what was found.</param>
public sealed record InvariantViolation(string Rule, string Entity, string Detail);

/// <summary>The outcome of a check.</summary>
/// <param name="Violations">Every violation found; empty when all invariants hold.</param>
/// <param name="Organisations">Organisations checked.</param>
/// <param name="Projects">Projects checked.</param>
/// <param name="Pledges">Pledges checked.</param>
/// <param name="Events">Events replayed.</param>
public sealed record InvariantReport(IReadOnlyList<InvariantViolation> Violations, int Organisations, int Projects, int Pledges, long Events)
{
    /// <summary>Every invariant holds.</summary>
    public bool Holds => Violations.Count == 0;

    /// <inheritdoc />
    public override string ToString() => Holds
        ? $"All invariants hold ({Organisations} organisations, {Projects} projects, {Pledges} pledges, {Events} events replayed)."
        : $"{Violations.Count} violation(s):\n" + string.Join("\n", Violations.Select(v => $"- {v.Rule} at {v.Entity}: {v.Detail}"));
}
