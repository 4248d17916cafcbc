using Microsoft.Extensions.Options;

namespace PtmReuse.Core.Storage;

/// <summary>
/// "This work is alive" marks that survive no crash: the process running an ingest batch, a classification run or a
/// harvest holds an exclusive lock on a small file beside the database ("&lt;db&gt;.leases/&lt;kind&gt;-&lt;id&gt;.lock"), and
/// the operating system drops the lock when that process ends, however it ends (kill -9, power loss aside). A row
/// still marked running whose lock nobody holds was interrupted. The lock is the OS file lock .NET takes for
/// FileShare.None (flock on Unix), so it works across processes sharing one database.
/// </summary>
public sealed class WorkLeases(IOptions<StorageOptions> options)
{
    private string Folder => Path.GetFullPath(options.Value.DatabasePath) + ".leases";

    /// <summary>Holds the lease until disposed. Throws <see cref="IOException"/> if another holder has it.</summary>
    public IDisposable Acquire(string kind, long id)
    {
        Directory.CreateDirectory(Folder);
        var path = PathOf(kind, id);
        var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
        return new Lease(file, path);
    }

    /// <summary>Whether some process (this one included) holds the lease now.</summary>
    public bool IsHeld(string kind, long id)
    {
        var path = PathOf(kind, id);
        if (!File.Exists(path))
        {
            return false;
        }

        try
        {
            using var probe = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
            return false;
        }
        catch (FileNotFoundException)
        {
            return false;
        }
        catch (IOException)
        {
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            // A lease file we may not open belongs to someone else's live process, or to no one: assume alive.
            return true;
        }
    }

    private string PathOf(string kind, long id) => Path.Combine(Folder, $"{kind}-{id}.lock");

    private sealed class Lease(FileStream file, string path) : IDisposable
    {
        public void Dispose()
        {
            // Delete while still holding the lock, so no probe can see a free lock on a file about to vanish and race it.
            try
            {
                File.Delete(path);
            }
            catch (IOException)
            {
                // Another probe has it open this instant: the stale file is harmless (an unheld lock means "not running").
            }

            file.Dispose();
        }
    }
}
