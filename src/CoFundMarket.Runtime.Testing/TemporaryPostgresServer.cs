using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CoFundMarket.Runtime.Testing;

/// <summary>
/// A throwaway PostgreSQL server for tests, made from the machine's own binaries: <c>initdb</c> into
/// a temporary directory, <c>pg_ctl</c> on a free loopback port, trust authentication, and durable
/// commits (<c>fsync=on</c>, <c>synchronous_commit=on</c>) so crash tests mean something. It can be
/// stopped and started again to simulate an outage; disposing it kills it and deletes its files.
/// </summary>
/// <remarks>
/// PostgreSQL refuses to run as root, so when the tests run as root every PostgreSQL program runs
/// as the <c>postgres</c> user (created by the Debian <c>postgresql</c> package) through <c>runuser</c>.
/// </remarks>
public sealed class TemporaryPostgresServer : IAsyncDisposable
{
    private const string SuperUser = "postgres";

    private readonly string _binDirectory;
    private readonly string _dataDirectory;
    private readonly string _logFile;
    private readonly TemporaryPostgresServerOptions _options;
    private readonly bool _runAsPostgresUser;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly EventHandler _onProcessExit;
    private bool _running;
    private bool _disposed;

    private TemporaryPostgresServer(string binDirectory, string directory, TemporaryPostgresServerOptions options, bool runAsPostgresUser)
    {
        _binDirectory = binDirectory;
        Directory = directory;
        _dataDirectory = Path.Combine(directory, "data");
        _logFile = Path.Combine(directory, "postgres.log");
        _options = options;
        _runAsPostgresUser = runAsPostgresUser;
        _onProcessExit = (_, _) => StopOnProcessExit();
    }

    /// <summary>The temporary directory holding the cluster, its log and its socket.</summary>
    public string Directory { get; }

    /// <summary>The loopback TCP port the server listens on; it stays the same across stop and start.</summary>
    public int Port { get; private set; }

    /// <summary>An Npgsql connection string for the <c>postgres</c> database as the <c>postgres</c> superuser.</summary>
    public string ConnectionString => ConnectionStringFor("postgres");

    /// <summary>True between a successful start and the next stop.</summary>
    public bool IsRunning => _running;

    /// <summary>Finds the PostgreSQL binaries, creates a cluster in a temporary directory and starts it.</summary>
    /// <exception cref="InvalidOperationException">The binaries are missing, or the cluster could not be created or started (the message holds the server log).</exception>
    public static async Task<TemporaryPostgresServer> CreateAsync(TemporaryPostgresServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new TemporaryPostgresServerOptions();
        var binDirectory = options.BinDirectory ?? FindBinDirectory();
        var runAsPostgresUser = string.Equals(Environment.UserName, "root", StringComparison.Ordinal);
        if (runAsPostgresUser && !File.ReadLines("/etc/passwd").Any(line => line.StartsWith("postgres:", StringComparison.Ordinal)))
        {
            throw new InvalidOperationException(
                "Tests run as root, and PostgreSQL refuses to; it needs a 'postgres' OS user to run as. Install the Debian 'postgresql' package (apt-get install postgresql), which creates it.");
        }

        var directory = Path.Combine(Path.GetTempPath(), "cofund-pg-" + Guid.NewGuid().ToString("N")[..12]);
        System.IO.Directory.CreateDirectory(directory);
        var server = new TemporaryPostgresServer(binDirectory, directory, options, runAsPostgresUser);
        try
        {
            if (runAsPostgresUser)
            {
                await RunAsync(StartInfo("chown", [$"{SuperUser}:{SuperUser}", directory], directory), describeFailure: () => "", cancellationToken);
            }

            // --no-sync only skips flushing the freshly made template files; the server itself runs with fsync=on.
            await server.RunPostgresToolAsync("initdb", ["-D", server._dataDirectory, "-U", SuperUser, "--auth=trust", "--no-sync", "--encoding=UTF8", "--locale=C"], cancellationToken);
            await server.StartOnFreePortAsync(cancellationToken);
            AppDomain.CurrentDomain.ProcessExit += server._onProcessExit;
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>An Npgsql connection string for <paramref name="database"/> as the <c>postgres</c> superuser.</summary>
    public string ConnectionStringFor(string database) =>
        string.Create(CultureInfo.InvariantCulture, $"Host=127.0.0.1;Port={Port};Username={SuperUser};Database={database}");

    /// <summary>Creates a fresh, empty database and returns a connection string for it.</summary>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        await RunPostgresToolAsync("createdb", ["-h", "127.0.0.1", "-p", Port.ToString(CultureInfo.InvariantCulture), "-U", SuperUser, name], cancellationToken);
        return ConnectionStringFor(name);
    }

    /// <summary>Stops the server, as an outage would. Connections are cut; the data stays for <see cref="StartAsync"/>.</summary>
    /// <param name="mode">Fast (roll back sessions, checkpoint) or immediate (like a crash: recovery replays the WAL on start).</param>
    /// <param name="cancellationToken">Cancels waiting for the stop.</param>
    public async Task StopAsync(PostgresShutdownMode mode = PostgresShutdownMode.Fast, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_running)
            {
                await StopCoreAsync(mode, cancellationToken);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Starts the server again on the same port after <see cref="StopAsync"/>; waits until it accepts connections.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_running)
            {
                await StartCoreAsync(cancellationToken);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Kills the server (immediate shutdown) and deletes its directory.</summary>
    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            AppDomain.CurrentDomain.ProcessExit -= _onProcessExit;
            if (_running)
            {
                try
                {
                    await StopCoreAsync(PostgresShutdownMode.Immediate, CancellationToken.None);
                }
                catch (InvalidOperationException)
                {
                    // Already gone; nothing left to stop.
                }
            }

            try
            {
                System.IO.Directory.Delete(Directory, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temporary directory is harmless.
            }
            catch (UnauthorizedAccessException)
            {
                // As above.
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task StartOnFreePortAsync(CancellationToken cancellationToken)
    {
        // Another process may take the port between our probe and the server's bind: try a few.
        for (var attempt = 1; ; attempt++)
        {
            Port = FindFreePort();
            try
            {
                await StartCoreAsync(cancellationToken);
                return;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
            }
        }
    }

    private async Task StartCoreAsync(CancellationToken cancellationToken)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["listen_addresses"] = "127.0.0.1",
            ["fsync"] = "on",
            ["synchronous_commit"] = "on",
        };
        foreach (var (name, value) in _options.Settings)
        {
            settings[name] = value;
        }

        var serverOptions = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"-p {Port} -k {ShellQuote(Directory)}"));
        foreach (var (name, value) in settings)
        {
            serverOptions.Append(" -c ").Append(ShellQuote($"{name}={value}"));
        }

        var timeoutSeconds = ((int)Math.Ceiling(_options.StartTimeout.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        await RunPostgresToolAsync("pg_ctl", ["-D", _dataDirectory, "-l", _logFile, "-w", "-t", timeoutSeconds, "-o", serverOptions.ToString(), "start"], cancellationToken);
        _running = true;
    }

    private async Task StopCoreAsync(PostgresShutdownMode mode, CancellationToken cancellationToken)
    {
        var modeName = mode switch
        {
            PostgresShutdownMode.Smart => "smart",
            PostgresShutdownMode.Immediate => "immediate",
            _ => "fast",
        };
        await RunPostgresToolAsync("pg_ctl", ["-D", _dataDirectory, "-m", modeName, "-w", "stop"], cancellationToken);
        _running = false;
    }

    private void StopOnProcessExit()
    {
        if (!_running)
        {
            return;
        }

        using var process = Process.Start(CreateStartInfo(Path.Combine(_binDirectory, "pg_ctl"), ["-D", _dataDirectory, "-m", "immediate", "stop"]));
        process?.WaitForExit(TimeSpan.FromSeconds(10));
    }

    private Task<string> RunPostgresToolAsync(string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var startInfo = CreateStartInfo(Path.Combine(_binDirectory, tool), arguments);
        return RunAsync(startInfo, describeFailure: () => File.Exists(_logFile) ? "\nServer log:\n" + ReadLogTail() : "", cancellationToken);
    }

    private ProcessStartInfo CreateStartInfo(string program, IReadOnlyList<string> arguments) =>
        _runAsPostgresUser
            ? StartInfo("runuser", ["-u", SuperUser, "--", program, .. arguments], Directory)
            : StartInfo(program, arguments, Directory);

    private string ReadLogTail()
    {
        try
        {
            var lines = File.ReadAllLines(_logFile);
            return string.Join('\n', lines.Skip(Math.Max(0, lines.Length - 30)));
        }
        catch (IOException exception)
        {
            return $"(could not read {_logFile}: {exception.Message})";
        }
    }

    private static ProcessStartInfo StartInfo(string program, IEnumerable<string> arguments, string workingDirectory)
    {
        var startInfo = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        return startInfo;
    }

    private static async Task<string> RunAsync(ProcessStartInfo startInfo, Func<string> describeFailure, CancellationToken cancellationToken)
    {
        var commandLine = string.Join(' ', startInfo.ArgumentList.Prepend(startInfo.FileName));
        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start '{commandLine}'.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var text = (await output) + (await error);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{commandLine}' exited with {process.ExitCode}:\n{text.Trim()}{describeFailure()}");
        }

        return text;
    }

    private static string FindBinDirectory()
    {
        static bool HasServerTools(string directory) =>
            File.Exists(Path.Combine(directory, "initdb")) && File.Exists(Path.Combine(directory, "pg_ctl"));

        const string debianRoot = "/usr/lib/postgresql";
        if (System.IO.Directory.Exists(debianRoot))
        {
            var newest = System.IO.Directory.GetDirectories(debianRoot)
                .Select(versionDirectory => (Version: double.TryParse(Path.GetFileName(versionDirectory), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : -1, Bin: Path.Combine(versionDirectory, "bin")))
                .Where(candidate => candidate.Version >= 0 && HasServerTools(candidate.Bin))
                .OrderByDescending(candidate => candidate.Version)
                .Select(candidate => candidate.Bin)
                .FirstOrDefault();
            if (newest is not null)
            {
                return newest;
            }
        }

        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, "pg_ctl"))
            .Where(File.Exists)
            .Select(pgCtl => Path.GetDirectoryName(new FileInfo(pgCtl).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? pgCtl)!)
            .FirstOrDefault(HasServerTools);
        return onPath ?? throw new InvalidOperationException(
            "PostgreSQL server binaries (initdb, pg_ctl) were found neither in /usr/lib/postgresql/*/bin nor on PATH. Install the Debian 'postgresql' package (apt-get install postgresql).");
    }

    private static int FindFreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>pg_ctl hands <c>-o</c> to a shell, so each part is single-quoted.</summary>
    private static string ShellQuote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
