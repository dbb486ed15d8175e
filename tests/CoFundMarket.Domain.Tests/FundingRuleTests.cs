using CoFundMarket.Domain.Common;
using CoFundMarket.Domain.Projects;

namespace CoFundMarket.Domain.Tests;

public sealed class FundingRuleTests
{
    private static Dictionary<string, ProjectPledge> Pledges(params (string Id, string Org, long Pounds, int MinOthers)[] pledges) =>
        pledges.ToDictionary(p => p.Id, p => new ProjectPledge(p.Org, Money.Pounds(p.Pounds), p.MinOthers, ProjectPledgeStatus.Active));

    [Fact]
    public void UnconditionalPledgesFundAtTheTargetWithEnoughFunders()
    {
        var outcome = FundingRule.Evaluate(Pledges(("a", "A", 60, 0), ("b", "B", 40, 0)), Money.Pounds(100), minFunders: 2);

        Assert.True(outcome.IsFunded);
        Assert.Equal(["a", "b"], outcome.CountedPledgeIds);
    }

    [Fact]
    public void TooFewDistinctFundersDoNotFundEvenAtTheTarget()
    {
        var outcome = FundingRule.Evaluate(Pledges(("a1", "A", 60, 0), ("a2", "A", 40, 0)), Money.Pounds(100), minFunders: 2);

        Assert.False(outcome.IsFunded);
        Assert.Equal(1, outcome.CountedFunders);
    }

    [Fact]
    public void AConditionalPledgeCountsOnlyWhenEnoughOthersJoin()
    {
        var alone = FundingRule.Evaluate(Pledges(("a", "A", 50, 2), ("b", "B", 50, 0)), Money.Pounds(100), 1);
        var joined = FundingRule.Evaluate(Pledges(("a", "A", 50, 2), ("b", "B", 50, 0), ("c", "C", 10, 0)), Money.Pounds(100), 1);

        Assert.Equal(["b"], alone.CountedPledgeIds);
        Assert.Equal(["a", "b", "c"], joined.CountedPledgeIds);
        Assert.True(joined.IsFunded);
    }

    [Fact]
    public void AChainOfConditionsCollapsesWhenOneLinkIsMissing()
    {
        // Each needs three others: four together hold, three do not.
        var three = FundingRule.Evaluate(Pledges(("a", "A", 25, 3), ("b", "B", 25, 3), ("c", "C", 25, 3)), Money.Pounds(100), 1);
        var four = FundingRule.Evaluate(Pledges(("a", "A", 25, 3), ("b", "B", 25, 3), ("c", "C", 25, 3), ("d", "D", 25, 3)), Money.Pounds(100), 1);

        Assert.Empty(three.CountedPledgeIds);
        Assert.Equal(4, four.CountedFunders);
        Assert.True(four.IsFunded);
    }

    [Fact]
    public void DroppingOneFailingPledgeCanMakeAnotherFailToo()
    {
        // d needs 3 others but has 2 (A, E): dropped. Then e needs 2 others but has 1 (A): dropped too.
        var outcome = FundingRule.Evaluate(Pledges(("a", "A", 10, 0), ("d", "D", 10, 3), ("e", "E", 10, 2)), Money.Pounds(1), 1);

        Assert.Equal(["a"], outcome.CountedPledgeIds);
    }

    [Fact]
    public void WithdrawnAndReleasedPledgesNeverCount()
    {
        var pledges = Pledges(("a", "A", 100, 0));
        pledges["w"] = new ProjectPledge("W", Money.Pounds(500), 0, ProjectPledgeStatus.Withdrawn);

        var outcome = FundingRule.Evaluate(pledges, Money.Pounds(200), 1);

        Assert.Equal(["a"], outcome.CountedPledgeIds);
        Assert.False(outcome.IsFunded);
    }
}
