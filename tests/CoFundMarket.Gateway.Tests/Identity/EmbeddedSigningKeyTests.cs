using CoFundMarket.Identity;
using CoFundMarket.Runtime.Testing;

namespace CoFundMarket.Gateway.Tests.Identity;

public sealed class EmbeddedSigningKeyTests : IDisposable
{
    private readonly TemporaryDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public void TheFirstStartCreatesAPrivateKeyThatLaterStartsReuse()
    {
        var created = EmbeddedSigningKey.LoadOrCreate(_data.Path);
        var loaded = EmbeddedSigningKey.Load(_data.Path);

        Assert.Equal(32, created.KeyBytes.Length);
        Assert.Equal(created.KeyBytes, loaded.KeyBytes);
        Assert.Equal(created.KeyBytes, EmbeddedSigningKey.LoadOrCreate(_data.Path).KeyBytes);
        Assert.Equal(Convert.ToBase64String(created.KeyBytes), File.ReadAllText(_data.File(EmbeddedSigningKey.FileName)));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_data.File(EmbeddedSigningKey.FileName)));
        }
    }

    [Fact]
    public void LoadingFromADirectoryWithoutAKeyNamesThePath()
    {
        var missing = Assert.Throws<FileNotFoundException>(() => EmbeddedSigningKey.Load(_data.Path));

        Assert.Contains(_data.File(EmbeddedSigningKey.FileName), missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AKeyFileThatIsNotBase64IsRefused()
    {
        File.WriteAllText(_data.File(EmbeddedSigningKey.FileName), "not base64 at all!");

        Assert.Throws<InvalidOperationException>(() => EmbeddedSigningKey.Load(_data.Path));
    }

    [Fact]
    public async Task ConcurrentFirstStartsAgreeOnOneKey()
    {
        // The race is narrow, so it is run many times, each round in a new directory, all starts released together.
        const int Starts = 8;
        for (var round = 0; round < 40; round++)
        {
            var directory = Path.Combine(_data.Path, $"round-{round}");
            using var release = new Barrier(Starts);
            var keys = await Task.WhenAll(Enumerable.Range(0, Starts).Select(_ => Task.Factory.StartNew(
                () =>
                {
                    release.SignalAndWait();
                    return EmbeddedSigningKey.LoadOrCreate(directory);
                },
                TaskCreationOptions.LongRunning)));

            var onDisk = EmbeddedSigningKey.Load(directory).KeyBytes;
            Assert.All(keys, key => Assert.Equal(onDisk, key.KeyBytes));
            Assert.Single(Directory.GetFiles(directory));
        }
    }
}
