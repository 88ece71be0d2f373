namespace PokerTracker.TestSupport;

/// <summary>
/// The scratch folders of a test run (engine data, a trainer's output) under the system's temp
/// folder, removed when their test or fixture is done: a whole run leaves gigabytes otherwise.
/// </summary>
public sealed class TempFolder : IDisposable
{
    private TempFolder(string path) => Path = path;

    public string Path { get; }

    /// <summary>A new folder, removed when this is disposed (<c>using var data = TempFolder.New(…)</c>).</summary>
    public static TempFolder New(string prefix) => new(Create(prefix));

    public static string Create(string prefix) => Directory.CreateTempSubdirectory(prefix).FullName;

    public void Dispose() => Delete(Path);

    /// <summary>
    /// Removes the folder and what it holds. A file still being closed by a process that was just
    /// stopped is tried again a few times; what remains after that is left, never a failed test.
    /// </summary>
    public static void Delete(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return;
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (Directory.Exists(path))
                {
                    Directory.Delete(path, recursive: true);
                }

                return;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException && attempt < 5)
            {
                Thread.Sleep(200 * attempt);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return;
            }
        }
    }
}
