using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using RiskEngine.Server.Hosting;

namespace RiskEngine.Server.Auth;

/// <summary>
/// The API keys this server accepts: those configured, or, when none is, one generated at first start and
/// kept in the data directory (readable by the owner only). Keys are compared by their SHA-256 in constant time.
/// </summary>
public sealed partial class ApiKeyStore
{
    public const string GeneratedKeyFile = "api-key.json";

    private readonly IReadOnlyList<(byte[] Hash, ApiKeyEntry Entry)> _keys;

    public ApiKeyStore(IOptions<AuthOptions> auth, IOptions<StorageOptions> storage, ILogger<ApiKeyStore> logger)
    {
        var configured = auth.Value.ApiKeys.Where(k => !string.IsNullOrWhiteSpace(k.Key)).ToList();
        foreach (var key in configured)
        {
            var unknown = key.Scopes.Where(s => !Scopes.All.Contains(s)).ToArray();
            if (unknown.Length > 0)
            {
                throw new InvalidOperationException($"API key '{key.Name}' has unknown scopes: {string.Join(", ", unknown)}. Known: ingest, read.");
            }

            if (key.Key.Length < 16)
            {
                throw new InvalidOperationException($"API key '{key.Name}' is shorter than 16 characters.");
            }
        }

        if (configured.Count == 0)
        {
            configured.Add(LoadOrGenerate(storage.Value.FullDataDirectory, logger));
        }

        _keys = configured.Select(k => (Hash(k.Key), k)).ToArray();
    }

    public ApiKeyEntry? Find(string presented)
    {
        var hash = Hash(presented);
        ApiKeyEntry? found = null;
        foreach (var (candidate, entry) in _keys)
        {
            // Check every key so timing does not tell which one nearly matched.
            if (CryptographicOperations.FixedTimeEquals(hash, candidate))
            {
                found = entry;
            }
        }

        return found;
    }

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    private static ApiKeyEntry LoadOrGenerate(string dataDirectory, ILogger logger)
    {
        var path = Path.Combine(dataDirectory, GeneratedKeyFile);
        if (File.Exists(path))
        {
            var stored = JsonSerializer.Deserialize<ApiKeyEntry>(File.ReadAllText(path), JsonSerializerOptions.Web)
                ?? throw new InvalidOperationException($"{path} is not a valid API key file; delete it to generate a new key.");
            LogUsingStored(logger, path);
            return stored;
        }

        RiskEngine.Storage.PrivateDirectory.Create(dataDirectory);
        var entry = new ApiKeyEntry
        {
            Name = "generated",
            Key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_'),
            Scopes = [Scopes.Ingest, Scopes.Read],
        };
        using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.None))
        {
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(file.SafeFileHandle, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            JsonSerializer.Serialize(file, entry, JsonSerializerOptions.Web);
        }

        // Printed once, on purpose to the console and not the log sinks: it is a secret.
        Console.WriteLine();
        Console.WriteLine("==================================================================");
        Console.WriteLine(" RiskEngine generated an API key (scopes: ingest, read):");
        Console.WriteLine($"   X-Api-Key: {entry.Key}");
        Console.WriteLine($" It is kept in {path}; configure Auth:ApiKeys to use your own.");
        Console.WriteLine("==================================================================");
        Console.WriteLine();
        return entry;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Using the generated API key kept in {Path}")]
    private static partial void LogUsingStored(ILogger logger, string path);
}
