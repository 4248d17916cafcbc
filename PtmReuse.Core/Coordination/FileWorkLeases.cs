using Microsoft.Extensions.Options;
using PtmReuse.Core.Storage;

namespace PtmReuse.Core.Coordination;

/// <summary>
/// Leases for SQLite, where every process shares one file on one machine: the process doing the work holds an
/// exclusive lock on a small file beside the database ("&lt;db&gt;.leases/&lt;kind&gt;-&lt;id&gt;.lock"), and the operating system
/// drops the lock when that process ends, however it ends (kill -9, power loss aside). The lock is the OS file lock
/// .NET takes for FileShare.None (flock on Unix), so it works across processes sharing one database; it never
/// expires, so <see cref="IWorkLease.Lost"/> never fires.
/// </summary>
public sealed class FileWorkLeases(IOptions<StorageOptions> options) : IWorkLeases
{
    private string Folder => Path.GetFullPath(options.Value.DatabasePath) + ".leases";

    public bool SharedByInstances => false;

    public Task<IWorkLease?> TryAcquireAsync(string kind, long id, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Folder);
        var path = PathOf(kind, id);
        try
        {
            var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
            return Task.FromResult<IWorkLease?>(new Lease(file, path, WorkKinds.Job(kind, id)));
        }
        catch (IOException)
        {
            return Task.FromResult<IWorkLease?>(null);
        }
    }

    public Task<bool> IsHeldAsync(string kind, long id, CancellationToken cancellationToken) => Task.FromResult(IsHeld(kind, id));

    public Task<string?> HolderAsync(string kind, long id, CancellationToken cancellationToken) => Task.FromResult<string?>(null);

    private bool IsHeld(string kind, long id)
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

    private sealed class Lease(FileStream file, string path, string job) : IWorkLease
    {
        public string Job => job;

        public CancellationToken Lost => CancellationToken.None;

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

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
