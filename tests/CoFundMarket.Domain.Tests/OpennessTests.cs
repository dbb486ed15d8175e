using CoFundMarket.Domain.Common;
using CoFundMarket.Domain.Projects;
using CoFundMarket.Runtime.AdoNet;
using CoFundMarket.Runtime.Identity;
using CoFundMarket.Runtime.Storage;
using CoFundMarket.Runtime.Testing;

namespace CoFundMarket.Domain.Tests;

/// <summary>Prototypes listed with their code and stage, and adaptations of delivered tools with their lineage kept both ways.</summary>
public sealed class OpennessTests
{
    [Fact]
    public async Task AProjectCarriesItsStageAndSourceRepositoryFromTheStart()
    {
        await using var market = await Market.StartAsync();
        var details = Details("Hack-day prototype", ProjectStage.Prototype, "https://github.com/nhs-hackday/triage-board");

        var created = await market.Project("triage").Create(details);

        Assert.Equal((ProjectStage.Prototype, "https://github.com/nhs-hackday/triage-board"), (created.Details.Stage, created.Details.SourceRepositoryUrl));
        Assert.Equal("https://github.com/nhs-hackday/triage-board", created.CodeUrl);
    }

    [Theory]
    [InlineData("http://github.com/plain-http")]
    [InlineData("ftp://example.org/code")]
    [InlineData("not a url")]
    public void ASourceRepositoryMustBeAnHttpsUrl(string url)
    {
        var refusal = Assert.Throws<DomainException>(() => Details("Prototype", ProjectStage.Prototype, url));

        Assert.Equal(("repository_url", DomainErrorKind.InvalidArgument), (refusal.Field, refusal.Kind));
    }

    [Fact]
    public void AnUnknownStageIsRefused()
    {
        var refusal = Assert.Throws<DomainException>(() => Details("Prototype", (ProjectStage)42, null));

        Assert.Equal("stage", refusal.Field);
    }

    [Fact]
    public async Task AnAdaptationOfADeliveredProjectIsListedOnBothSides()
    {
        await using var market = await Market.StartAsync();
        await DeliverAsync(market, "finder");

        var adaptation = await market.Project("finder-adults").Create(Details("Finder for vulnerable adults", ProjectStage.Idea, null, adaptedFrom: "finder"));
        var original = await market.Project("finder").Get();

        Assert.Equal("finder", adaptation.Details.AdaptedFromProjectId);
        Assert.Equal<string>(["finder-adults"], original.Adaptations);
        Assert.Equal(1, original.AdaptationCount);
    }

    [Fact]
    public async Task RepeatingTheCreationOfAnAdaptationListsItOnce()
    {
        await using var market = await Market.StartAsync();
        await DeliverAsync(market, "finder");
        var details = Details("Finder for vulnerable adults", ProjectStage.Idea, null, adaptedFrom: "finder");

        await market.Project("finder-adults").Create(details);
        await market.Project("finder-adults").Create(details);

        Assert.Equal<string>(["finder-adults"], (await market.Project("finder").Get()).Adaptations);
    }

    [Fact]
    public async Task AnAdaptationOfAProjectThatIsNotDeliveredIsRefusedAndNothingIsCreated()
    {
        await using var market = await Market.StartAsync();
        await market.Organisation("RTE", 10_000);
        await market.OpenProject("open-one", 1_000, minFunders: 2);

        var refusal = await Assert.ThrowsAsync<DomainException>(() => market.Project("copy").Create(Details("Copy", ProjectStage.Idea, null, adaptedFrom: "open-one")));

        Assert.Equal(Reasons.AdaptsUndelivered, refusal.Reason);
        Assert.Contains("OPEN", refusal.Message, StringComparison.Ordinal);
        var missing = await Assert.ThrowsAsync<DomainException>(() => market.Project("copy").Get());
        Assert.Equal(DomainErrorKind.NotFound, missing.Kind);
        Assert.Empty((await market.Project("open-one").Get()).Adaptations);
    }

    [Fact]
    public async Task AnAdaptationOfADraftAnswersAsIfTheDraftDidNotExist()
    {
        await using var market = await Market.StartAsync();
        await market.Project("draft").Create(Details("Private draft", ProjectStage.Idea, null));

        var refusal = await Assert.ThrowsAsync<DomainException>(() => market.Project("copy").Create(Details("Copy", ProjectStage.Idea, null, adaptedFrom: "draft")));

        Assert.Equal((DomainErrorKind.NotFound, "No project with id draft exists."), (refusal.Kind, refusal.Message));
    }

    [Fact]
    public async Task AnAdaptationOfAMissingProjectIsNotFound()
    {
        await using var market = await Market.StartAsync();

        var refusal = await Assert.ThrowsAsync<DomainException>(() => market.Project("copy").Create(Details("Copy", ProjectStage.Idea, null, adaptedFrom: "nowhere")));

        Assert.Equal(DomainErrorKind.NotFound, refusal.Kind);
    }

    [Fact]
    public async Task TheLineageSurvivesARestartOnSqlite()
    {
        using var directory = new TemporaryDirectory();
        await using var storage = await AdoNetStorage.CreateSqliteAsync(directory.File("lineage.db"));
        await using var market = await Market.StartAsync(storage, storage);
        await DeliverAsync(market, "finder");
        await market.Project("finder-adults").Create(Details("Finder for vulnerable adults", ProjectStage.Prototype, "https://github.com/nhs/finder-adults", adaptedFrom: "finder"));

        await market.Cluster.RestartSiloAsync(market.Cluster.Silos[0]);

        Assert.Equal<string>(["finder-adults"], (await market.Project("finder").Get()).Adaptations);
        var adaptation = await market.Project("finder-adults").Get();
        Assert.Equal(("finder", ProjectStage.Prototype, "https://github.com/nhs/finder-adults"), (adaptation.Details.AdaptedFromProjectId, adaptation.Details.Stage, adaptation.CodeUrl));
    }

    [Fact]
    public async Task AnAdaptationCutShortBeforeItsOriginalWasToldIsReportedAndARetryHealsIt()
    {
        await using var market = await Market.StartAsync();
        await DeliverAsync(market, "finder");
        var details = Details("Finder for vulnerable adults", ProjectStage.Idea, null, adaptedFrom: "finder");

        // What a crash between the two steps leaves: the adaptation's creation committed, the original never told.
        var options = market.Cluster.Silos[0].Silo.JsonOptions;
        var created = new ProjectCreated(DateTimeOffset.UnixEpoch, "finder-adults", details);
        var state = ProjectState.Initial.Apply(created);
        await market.Cluster.Storage.WriteAsync(new StateWrite(
            new GrainStateKey(new GrainId("project", "finder-adults"), "journal"), 0, System.Text.Json.JsonSerializer.Serialize(state, options),
            [new EventToAppend(nameof(ProjectCreated), System.Text.Json.JsonSerializer.Serialize(created, options), DateTimeOffset.UnixEpoch, EventActor.System, null)]));

        var violations = (await market.CheckAsync()).Violations;
        Assert.Equal([("LINEAGE_BOTH_WAYS", "project/finder-adults")], violations.Select(v => (v.Rule, v.Entity)));

        await market.Project("finder-adults").Create(details);

        Assert.Empty((await market.CheckAsync()).Violations);
        Assert.Equal<string>(["finder-adults"], (await market.Project("finder").Get()).Adaptations);
    }

    private static ProjectDetails Details(string title, ProjectStage stage, string? repository, string? adaptedFrom = null) =>
        ProjectDetails.Create(title, "A shared tool", "", "Mental health", "RTE", ["Y56"], Money.Pounds(1_000), null, 1, Market.DefaultDeadline, "MIT",
            stage, repository, adaptedFrom);

    private static async Task DeliverAsync(Market market, string id)
    {
        await market.Organisation("RTE", 10_000);
        await market.OpenProject(id, 1_000);
        await market.Pledge($"{id}-rte", id, "RTE", 1_000);
        await market.Project(id).StartDelivery();
        await market.Project(id).MarkDelivered("https://github.com/nhs/" + id, "MIT");
    }
}
