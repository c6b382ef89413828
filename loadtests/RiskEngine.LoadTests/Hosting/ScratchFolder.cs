namespace RiskEngine.LoadTests.Hosting;

/// <summary>Removes a run's scratch folder (server data, raw baseline files), retrying while a killed process still holds a file.</summary>
public static class ScratchFolder
{
    public static async Task DeleteAsync(DirectoryInfo scratch)
    {
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            try
            {
                scratch.Refresh();
                if (scratch.Exists)
                {
                    scratch.Delete(recursive: true);
                }

                return;
            }
            catch (Exception error) when (attempt < 5 && error is IOException or UnauthorizedAccessException)
            {
                await Task.Delay(200);
            }
        }
    }
}
