using CoFundMarket.Runtime.Grains;
using CoFundMarket.Runtime.Tests.Grains;

namespace CoFundMarket.Runtime.Tests;

public sealed class BadInputTests
{
    [Fact]
    public async Task AnInterfaceWithNoImplementationIsNamedAtTheCallSite()
    {
        await using var cluster = await Clusters.Start();

        var failure = Assert.Throws<GrainTypeResolutionException>(() => cluster.Client.GetGrain<IUnimplementedGrain>("x"));

        Assert.Contains("No grain class implements CoFundMarket.Runtime.Tests.Grains.IUnimplementedGrain", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnInterfaceFromAnUnregisteredAssemblyIsNamedAsUnknown()
    {
        await using var cluster = await Clusters.Start();

        var failure = Assert.Throws<GrainTypeResolutionException>(() => cluster.Client.GetGrain<IGrainWithStringKey>("x"));

        Assert.Contains("IGrainWithStringKey is unknown", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("tab\there")]
    public async Task AnEmptyOrControlCharacterKeyIsRefusedNamingTheGrain(string key)
    {
        await using var cluster = await Clusters.Start();

        var failure = Assert.Throws<ArgumentException>(() => cluster.Client.GetGrain<INoteGrain>(key));

        Assert.Contains("INoteGrain", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnOverLongKeyIsRefusedNamingTheGrainAndTheLimit()
    {
        await using var cluster = await Clusters.Start();

        var failure = Assert.Throws<ArgumentException>(() => cluster.Client.GetGrain<INoteGrain>(new string('k', 257)));

        Assert.Contains("INoteGrain", failure.Message, StringComparison.Ordinal);
        Assert.Contains("257 characters; at most 256", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AGrainTypeNameThatDoesNotImplementTheInterfaceIsRefused()
    {
        await using var cluster = await Clusters.Start();

        var failure = Assert.Throws<GrainTypeResolutionException>(() =>
            cluster.Client.GetGrain<Reminders.IRemindable>(new Identity.GrainId("note", "x")));

        Assert.Contains("does not implement IRemindable", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AGrainClassCannotBeConstructedOutsideTheRuntime()
    {
        await using var cluster = await Clusters.Start();

        var failure = Assert.Throws<InvalidOperationException>(() => new CounterGrain());

        Assert.Contains("GetGrain", failure.Message, StringComparison.Ordinal);
    }
}
