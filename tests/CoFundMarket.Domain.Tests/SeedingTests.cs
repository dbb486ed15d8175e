using CoFundMarket.Domain.Organisations;
using CoFundMarket.Domain.Projects;
using CoFundMarket.Domain.Seeding;

namespace CoFundMarket.Domain.Tests;

public sealed class SeedingTests
{
    [Fact]
    public void TheShippedDataHoldsEveryNhsEnglandOrganisation()
    {
        var all = NhsEnglandOrganisations.All();

        Assert.Equal(7, all.Count(o => o.Kind == OrganisationKind.Region));
        Assert.Equal(36, all.Count(o => o.Kind == OrganisationKind.IntegratedCareBoard));
        Assert.Equal(199, all.Count(o => o.Kind == OrganisationKind.NhsTrust));
        Assert.Contains(all, o => o.Code == "RCX" && o.Name == "The Queen Elizabeth Hospital, King's Lynn, NHS Foundation Trust");
        Assert.Equal(all.Count, all.Select(o => o.Code).Distinct().Count());
    }

    [Fact]
    public async Task SeedingTwiceRegistersEveryOrganisationOnceAndTheDemoOnce()
    {
        await using var market = await Market.StartAsync();
        var seeder = new MarketplaceSeeder(market.Grains, market.Cluster.Time);

        var first = await seeder.SeedAsync(includeDemo: true);
        var second = await seeder.SeedAsync(includeDemo: true);

        Assert.Equal(242, first);
        Assert.Equal(242, second);
        var finder = await market.Project("demo-support-finder").Get();
        Assert.Equal(ProjectStatus.Delivered, finder.Status);
        Assert.StartsWith("Demo:", finder.Details.Title, StringComparison.Ordinal);
        Assert.Equal(2, finder.AdoptionCount);
        Assert.Equal(ProjectStatus.Submitted, (await market.Project("demo-feedback-service").Get()).Status);
        Assert.Equal("Gloucestershire Hospitals NHS Foundation Trust", (await market.Org("RTE").Get()).Name);
    }
}
