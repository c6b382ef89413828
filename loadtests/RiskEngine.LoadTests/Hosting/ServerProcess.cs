using System.Diagnostics;
using System.Globalization;

namespace RiskEngine.LoadTests.Hosting;

/// <summary>
/// The server under test as a child process on a free loopback port: started from its built dll, awaited
/// until /health/ready answers, and killed (SIGKILL, the whole tree) when done or when anything goes wrong.
/// Its output goes to a log file; the last lines are kept to explain a failure.
/// </summary>
public sealed class ServerProcess : IDisposable
{
    public const string KeyName = "loadtest";

    private const int TailLines = 15;
    private const int FailureLines = 6;
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan ReadyPoll = TimeSpan.FromMilliseconds(200);

    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Queue<string> _tail = new();
    private readonly List<string> _firstFailure = [];
    private readonly Lock _logLock = new();
    private bool _killed;
    private bool _logClosed;

    private ServerProcess(Process process, StreamWriter log, Uri baseAddress)
    {
        _process = process;
        _log = log;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Starts the server and returns once it reports ready.</summary>
    /// <exception cref="FileNotFoundException">The dll is not there (not built).</exception>
    /// <exception cref="ServerStartException">The server exited or did not become ready in time; the message carries its output.</exception>
    public static async Task<ServerProcess> StartAsync(ServerLaunch launch, CancellationToken cancellationToken)
    {
        if (!File.Exists(launch.ServerDll))
        {
            throw new FileNotFoundException(
                $"The server build {launch.ServerDll} is missing; build it first: dotnet build -c Release src/RiskEngine.Server", launch.ServerDll);
        }

        var port = FreeTcpPort.Pick();
        var url = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo(DotnetHost.Find())
        {
            WorkingDirectory = ContentRoot(launch.ServerDll),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(launch.ServerDll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(url);
        var environment = start.Environment;
        environment["ASPNETCORE_URLS"] = url;
        environment["Storage__DataDirectory"] = launch.DataDirectory;
        environment["Demo__Enabled"] = "false";
        environment["Auth__ApiKeys__0__Name"] = KeyName;
        environment["Auth__ApiKeys__0__Key"] = launch.ApiKey;
        environment["Auth__ApiKeys__0__Scopes__0"] = "ingest";
        environment["Auth__ApiKeys__0__Scopes__1"] = "read";
        foreach (var (key, value) in launch.Settings.Concat(launch.Storage ?? new Dictionary<string, string>()))
        {
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var log = new StreamWriter(launch.LogPath, append: false) { AutoFlush = false };
        var process = new Process { StartInfo = start };
        var server = new ServerProcess(process, log, new Uri(url));
        process.OutputDataReceived += (_, line) => server.Keep(line.Data);
        process.ErrorDataReceived += (_, line) => server.Keep(line.Data);
        try
        {
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            await server.WaitUntilReadyAsync(cancellationToken);
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The working directory, which ASP.NET Core takes as its content root (appsettings.json, wwwroot): the server's
    /// project folder when the dll is its build output, as with <c>dotnet run</c>; else the dll's own folder.
    /// </summary>
    private static string ContentRoot(string serverDll)
    {
        var projectFile = Path.GetFileNameWithoutExtension(serverDll) + ".csproj";
        for (var folder = new DirectoryInfo(Path.GetDirectoryName(Path.GetFullPath(serverDll))!); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, projectFile)))
            {
                return folder.FullName;
            }
        }

        return Path.GetDirectoryName(Path.GetFullPath(serverDll))!;
    }

    /// <summary>
    /// For error messages: the first error the server logged (console logger "crit:" or "fail:", with the lines
    /// that follow it), which is usually the cause, and the last lines it wrote, which are usually the consequence.
    /// </summary>
    public string Tail()
    {
        lock (_logLock)
        {
            var tail = string.Join(Environment.NewLine, _tail);
            return _firstFailure.Count == 0
                ? tail
                : $"First error:{Environment.NewLine}{string.Join(Environment.NewLine, _firstFailure)}{Environment.NewLine}Last lines:{Environment.NewLine}{tail}";
        }
    }

    /// <summary>The first error line the server logged and the message line after it; null when it logged none.</summary>
    public string? FirstError()
    {
        lock (_logLock)
        {
            return _firstFailure.Count == 0 ? null : string.Join(" ", _firstFailure.Take(2).Select(l => l.Trim()));
        }
    }

    /// <summary>Kills the server outright (SIGKILL, no shutdown): what survives is what was durable.</summary>
    public void Kill()
    {
        if (_killed)
        {
            return;
        }

        _killed = true;
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            _process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
            // Never started, or already gone.
        }

        lock (_logLock)
        {
            if (!_logClosed)
            {
                _log.Flush();
            }
        }
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < ReadyTimeout)
        {
            if (_process.HasExited)
            {
                _process.WaitForExit();
                throw new ServerStartException(
                    $"The server exited with code {_process.ExitCode} before it was ready. Its output:{Environment.NewLine}{Tail()}", FirstError());
            }

            try
            {
                using var response = await http.GetAsync("/health/ready", cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The probe timed out; the server is busy starting.
            }

            await Task.Delay(ReadyPoll, cancellationToken);
        }

        throw new ServerStartException(
            $"The server was not ready within {ReadyTimeout.TotalSeconds:0} s. Its output:{Environment.NewLine}{Tail()}", FirstError());
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_logLock)
        {
            if (_logClosed)
            {
                return;
            }

            _log.WriteLine(line);
            if (_firstFailure.Count is > 0 and < FailureLines
                || _firstFailure.Count == 0 && (line.StartsWith("crit:", StringComparison.Ordinal) || line.StartsWith("fail:", StringComparison.Ordinal)))
            {
                _firstFailure.Add(line);
            }

            _tail.Enqueue(line);
            if (_tail.Count > TailLines)
            {
                _tail.Dequeue();
            }
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
        lock (_logLock)
        {
            _logClosed = true;
            _log.Dispose();
        }
    }
}
