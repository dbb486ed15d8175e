// Usage: CoFundMarket.Runtime.CrashProbe (sqlite <path> | postgres <connection string>)
//
// 32 writers, each owning one grain state, write it again and again (version 1, 2, 3 ...; the payload
// holds the counter). After each WriteAsync has completed — that is, after the commit — the writer
// prints "ACK <grainKey> <version>". The test kills this process with SIGKILL at some moment and then
// checks that every acknowledged version is in the database.
using CoFundMarket.Runtime.AdoNet;
using CoFundMarket.Runtime.Identity;
using CoFundMarket.Runtime.Storage;

const int Writers = 32;

if (args.Length != 2 || args[0] is not ("sqlite" or "postgres"))
{
    Console.Error.WriteLine("usage: CoFundMarket.Runtime.CrashProbe (sqlite <path> | postgres <connection string>)");
    return 2;
}

await using var storage = args[0] == "sqlite"
    ? await AdoNetStorage.CreateSqliteAsync(args[1])
    : await AdoNetStorage.CreatePostgresAsync(args[1]);

var output = Console.Out;
var writers = Enumerable.Range(0, Writers).Select(i => Task.Run(async () =>
{
    var key = new GrainStateKey(new GrainId("crash-probe", $"writer-{i:D2}"), "state");
    try
    {
        var version = (await storage.ReadAsync(key))?.Version ?? 0;
        while (true)
        {
            var result = await storage.WriteAsync(new StateWrite(key, version, $"{{\"counter\":{version + 1}}}", []));
            version = result.Version;
            lock (output)
            {
                output.WriteLine($"ACK {key.Grain.Key} {version}");
                output.Flush();
            }
        }
    }
    catch (Exception exception)
    {
        // A writer that stops would quietly shrink the test; fail loudly instead.
        Console.Error.WriteLine($"{key}: {exception}");
        Environment.Exit(1);
    }
}));

await Task.WhenAll(writers);
return 0;
