namespace RiskEngine.Storage;

/// <summary>
/// The data folder holds the signal log, people's password hashes and generated secrets: when the engine creates it,
/// only the account it runs as may enter it (0700). A folder that exists is left as the operator made it.
/// </summary>
public static class PrivateDirectory
{
    public static void Create(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }
}
