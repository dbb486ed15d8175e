using CoFundMarket.Runtime.Identity;
using CoFundMarket.Runtime.Reminders;
using CoFundMarket.Runtime.Storage;
using CoFundMarket.Runtime.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CoFundMarket.Runtime.AdoNet.Tests;

public sealed class DependencyInjectionTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    [Fact]
    public async Task OneStorageServesAsGrainStorageAndReminderStoreAndIsMigratedWhenTheHostStarts()
    {
        var path = _directory.File("di.db");
        var services = new ServiceCollection().AddAdoNetGrainStorage(AdoNetEngine.Sqlite, path);
        var key = new GrainStateKey(new GrainId("account", "a1"), "state");

        await using (var provider = services.BuildServiceProvider())
        {
            foreach (var hosted in provider.GetServices<IHostedService>())
            {
                await hosted.StartAsync(CancellationToken.None);
            }

            Assert.True(File.Exists(path));
            var storage = provider.GetRequiredService<AdoNetStorage>();
            Assert.Same(storage, provider.GetRequiredService<IGrainStorage>());
            Assert.Same(storage, provider.GetRequiredService<IReminderStore>());
            await provider.GetRequiredService<IGrainStorage>().WriteAsync(new StateWrite(key, 0, "{}", []));
        }

        await using var reopened = await AdoNetStorage.CreateSqliteAsync(path);
        Assert.Equal(1, (await reopened.ReadAsync(key))!.Version);
    }

    public void Dispose() => _directory.Dispose();
}
