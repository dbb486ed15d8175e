using CoFundMarket.Domain.Common;

namespace CoFundMarket.Domain.Projects;

/// <summary>
/// Decides which pledges count and whether a project is funded. Conditional pledges ("only if at
/// least N other organisations join") count by the largest self-consistent set: start from every
/// pledge that holds money and drop pledges whose condition fails until none fails. Dropping only
/// lowers the number of funders, so this reaches the greatest such set, whatever the order.
/// </summary>
public static class FundingRule
{
    /// <summary>The counted pledges and whether they fund the project.</summary>
    public static FundingOutcome Evaluate(IReadOnlyDictionary<string, ProjectPledge> pledges, Money target, int minFunders)
    {
        var counted = pledges.Where(p => p.Value.HoldsMoney).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        while (true)
        {
            var funders = counted.Values.Select(p => p.OrganisationCode).Distinct(StringComparer.Ordinal).Count();
            // Every pledge in the set has its own organisation in the set, so "others" is funders - 1 for all of them.
            var failing = counted.Where(p => p.Value.MinOtherFunders > funders - 1).Select(p => p.Key).ToList();
            if (failing.Count == 0)
            {
                var total = Money.Sum(counted.Values.Select(p => p.Amount));
                return new FundingOutcome(
                    [.. counted.Keys.Order(StringComparer.Ordinal)],
                    total,
                    funders,
                    IsFunded: total >= target && funders >= minFunders);
            }

            foreach (var pledgeId in failing)
            {
                counted.Remove(pledgeId);
            }
        }
    }
}

/// <summary>What the funding rule decided.</summary>
/// <param name="CountedPledgeIds">The pledges that count, in id order.</param>
/// <param name="CountedTotal">Their total.</param>
/// <param name="CountedFunders">The distinct organisations among them.</param>
/// <param name="IsFunded">Counted total ≥ target and counted funders ≥ the minimum.</param>
public sealed record FundingOutcome(IReadOnlyList<string> CountedPledgeIds, Money CountedTotal, int CountedFunders, bool IsFunded);
