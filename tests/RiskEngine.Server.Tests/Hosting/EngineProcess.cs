using System.Collections.Concurrent;
using System.Diagnostics;
using RiskEngine.Server.Hosting;

namespace RiskEngine.Server.Tests.Hosting;

/// <summary>
/// The built server run as a separate OS process (<c>dotnet RiskEngine.Server.dll</c>), configured through the
/// environment as an operator would, so it can be killed like one (SIGKILL, no shutdown hooks).
/// </summary>
public sealed class EngineProcess : IDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private EngineProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>From the start of the process to the first 200 of /health/ready.</summary>
    public TimeSpan StartupTime { get; private set; }

    public bool HasExited => _process.HasExited;

    /// <summary>The server's own process (dotnet running the server's assembly), whose sockets a test may inspect.</summary>
    public int ProcessId => _process.Id;

    /// <summary>Starts the server on a free loopback port over <paramref name="dataDirectory"/> and waits until it is ready.</summary>
    public static async Task<EngineProcess> StartAsync(string dataDirectory, IEnumerable<KeyValuePair<string, string?>>? settings = null)
    {
        var started = Stopwatch.StartNew();
        for (var attempt = 1; ; attempt++)
        {
            var server = Launch(dataDirectory, settings, arguments: []);
            try
            {
                await server.WaitUntilReadyAsync();
                server.StartupTime = started.Elapsed;
                return server;
            }
            catch (InvalidOperationException) when (attempt < 3 && server.OutputTail(400).Contains("address already in use", StringComparison.Ordinal))
            {
                // The free port picked was taken in between by another process of the run (servers side by side pick
                // ports for Orleans too): pick again.
                server.Dispose();
            }
            catch
            {
                server.Dispose();
                throw;
            }
        }
    }

    /// <summary>
    /// Runs the server with command-line <paramref name="arguments"/> (as an operator would type them) until it exits
    /// on its own, as it should when it cannot start; its exit code and everything it printed.
    /// </summary>
    public static Task<(int ExitCode, string Output)> RunUntilExitAsync(string dataDirectory, params string[] arguments) =>
        RunUntilExitAsync(dataDirectory, arguments, standardInput: null);

    /// <summary>As <see cref="RunUntilExitAsync(string, string[])"/>, typing <paramref name="standardInput"/> into the process (a password).</summary>
    public static async Task<(int ExitCode, string Output)> RunUntilExitAsync(string dataDirectory, IReadOnlyList<string> arguments, string? standardInput)
    {
        using var server = Launch(dataDirectory, settings: null, arguments, standardInput);
        using var patience = new CancellationTokenSource(ReadyTimeout);
        try
        {
            // Also waits until both output streams are read to their end.
            await server._process.WaitForExitAsync(patience.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The server was still running after {ReadyTimeout.TotalSeconds} s:\n{server.OutputTail()}");
        }

        return (server._process.ExitCode, server.OutputTail());
    }

    private static EngineProcess Launch(string dataDirectory, IEnumerable<KeyValuePair<string, string?>>? settings, IEnumerable<string> arguments, string? standardInput = null)
    {
        var baseAddress = new Uri($"http://127.0.0.1:{FreePort.Pick()}");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = standardInput is not null,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(RepositoryPaths.ServerAssembly);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ASPNETCORE_URLS"] = baseAddress.ToString().TrimEnd('/');
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Storage__DataDirectory"] = dataDirectory;
        start.Environment["Demo__Enabled"] = "false";
        foreach (var (key, value) in QuietLogging.Settings.Concat(TestApiKeys.Configuration()).Concat(settings ?? []))
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var server = new EngineProcess(process, baseAddress);
        process.OutputDataReceived += (_, line) => server.Keep(line.Data);
        process.ErrorDataReceived += (_, line) => server.Keep(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (standardInput is not null)
        {
            process.StandardInput.Write(standardInput);
            process.StandardInput.Close();
        }

        return server;
    }

    public HttpClient CreateClient(string? apiKey = TestApiKeys.Full)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        }

        return client;
    }

    /// <summary>SIGKILL: the process and any children die at once, with no chance to flush or stop.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>SIGSTOP: the process freezes mid-whatever (as a paused VM or a long GC stall would), its sockets open.</summary>
    public void Freeze() => Signal("-STOP");

    /// <summary>SIGCONT: a frozen process runs on from where it stopped.</summary>
    public void Thaw() => Signal("-CONT");

    private void Signal(string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", [signal, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))!;
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    /// <summary>The last lines the server printed, for failure messages.</summary>
    public string OutputTail(int lines = 120) => string.Join('\n', _output.TakeLast(lines));

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 2000)
        {
            _output.TryDequeue(out _);
        }
    }

    private async Task WaitUntilReadyAsync()
    {
        using var client = CreateClient(apiKey: null);
        client.Timeout = TimeSpan.FromSeconds(5);
        var deadline = DateTime.UtcNow + ReadyTimeout;
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The server exited with code {_process.ExitCode} before it was ready:\n{OutputTail()}");
            }

            try
            {
                using var response = await client.GetAsync("/health/ready");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The server at {BaseAddress} was not ready within {ReadyTimeout.TotalSeconds} s:\n{OutputTail()}");
            }

            await Task.Delay(100);
        }
    }
}
