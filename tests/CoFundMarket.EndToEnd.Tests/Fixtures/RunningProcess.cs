using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace CoFundMarket.EndToEnd.Tests.Fixtures;

/// <summary>
/// A long-running child process (the gateway, a <c>cofund events watch</c>): its output lines are kept as they arrive
/// so a caller can wait for one, it can be sent a POSIX signal, and disposing it always kills it if it still runs.
/// </summary>
public sealed class RunningProcess : IDisposable
{
    private const int SigInt = 2;
    private const int SigTerm = 15;

    private readonly Process _process;
    private readonly Lock _gate = new();
    private readonly List<string> _output = [];
    private readonly List<string> _error = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private RunningProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Everything written to stdout so far.</summary>
    public string Output
    {
        get
        {
            lock (_gate)
            {
                return string.Join('\n', _output);
            }
        }
    }

    /// <summary>Everything written to stderr so far.</summary>
    public string Error
    {
        get
        {
            lock (_gate)
            {
                return string.Join('\n', _error);
            }
        }
    }

    /// <summary>Starts <paramref name="fileName"/>; a null value in <paramref name="environment"/> removes that variable.</summary>
    public static RunningProcess Start(string fileName, IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        var process = new Process { StartInfo = start };
        var running = new RunningProcess(process);
        process.OutputDataReceived += (_, e) => running.Append(running._output, e.Data);
        process.ErrorDataReceived += (_, e) => running.Append(running._error, e.Data);
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            process.Dispose();
            throw new InvalidOperationException($"{fileName} could not be started ({e.Message}).", e);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return running;
    }

    /// <summary>The first stdout line, from line <paramref name="skip"/> on, that matches; fails when the process exits or time runs out first.</summary>
    public async Task<string> WaitForOutputLineAsync(Func<string, bool> match, TimeSpan timeout, int skip = 0)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                var found = _output.Skip(skip).FirstOrDefault(match);
                if (found is not null)
                {
                    return found;
                }

                changed = _changed.Task;
            }

            if (_process.HasExited)
            {
                // Output still in flight is appended before the exit is observed by WaitForExit.
                await _process.WaitForExitAsync();
                lock (_gate)
                {
                    var late = _output.Skip(skip).FirstOrDefault(match);
                    return late ?? throw new InvalidOperationException($"The process exited with {_process.ExitCode} before printing the expected line.\n{Output}\n{Error}");
                }
            }

            try
            {
                await changed.WaitAsync(TimeSpan.FromSeconds(1), deadline.Token);
            }
            catch (TimeoutException)
            {
                // Re-check HasExited: an exit produces no further line to wake on.
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"No expected line within {timeout}.\n--- stdout ---\n{Output}\n--- stderr ---\n{Error}");
            }
        }
    }

    /// <summary>How many stdout lines have arrived.</summary>
    public int OutputLineCount
    {
        get
        {
            lock (_gate)
            {
                return _output.Count;
            }
        }
    }

    /// <summary>Asks the process to stop as Ctrl-C does.</summary>
    public void Interrupt() => Signal(SigInt);

    /// <summary>Asks the process to stop as a service manager does.</summary>
    public void Terminate() => Signal(SigTerm);

    /// <summary>Waits for the exit and returns the exit code; kills the process and fails when time runs out.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
            return _process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The process did not exit within {timeout}; killed.\n--- stdout ---\n{Output}\n--- stderr ---\n{Error}");
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(TimeSpan.FromSeconds(10));
            }
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }

        _process.Dispose();
    }

    private void Signal(int signal)
    {
        if (kill(_process.Id, signal) != 0)
        {
            throw new InvalidOperationException($"kill({_process.Id}, {signal}) failed with errno {Marshal.GetLastWin32Error()}.");
        }
    }

    private void Append(List<string> lines, string? line)
    {
        if (line is null)
        {
            return;
        }

        TaskCompletionSource changed;
        lock (_gate)
        {
            lines.Add(line);
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }

    [DllImport("libc", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int kill(int pid, int signal);
}
