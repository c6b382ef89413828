using System.Text.Json;

namespace RiskEngine.Server.Import;

/// <summary>
/// The small file beside the input that makes an import resumable: the last line through which every line was
/// acknowledged by the server (or refused and reported), with the tallies so far and the input's size, so that
/// <c>--resume</c> neither repeats nor skips lines, and refuses to resume over a file that has changed since.
/// </summary>
public sealed record ImportCheckpoint(long InputLength, long ThroughLine, long Created, long Updated, long Rejected)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static string PathFor(string input) => input + ".import-progress.json";

    public static ImportCheckpoint? Read(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<ImportCheckpoint>(File.ReadAllText(path), Json);
        }
        catch (JsonException error)
        {
            throw new ImportUsageException($"{path} is not an import progress file ({error.Message}); delete it to start over");
        }
    }

    /// <summary>Replaces the file whole (write beside, then rename), so a kill leaves the old or the new, never half.</summary>
    public void Write(string path)
    {
        var partial = path + ".partial";
        File.WriteAllText(partial, JsonSerializer.Serialize(this, Json));
        File.Move(partial, path, overwrite: true);
    }
}
