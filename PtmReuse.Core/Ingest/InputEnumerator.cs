using System.IO.Compression;
using PtmReuse.Core.Ingest.Formats;

namespace PtmReuse.Core.Ingest;

/// <summary>One thing to ingest, or the reason an input could not even be opened (missing path, corrupt archive).</summary>
internal sealed record InputItem(SourceItem? Item, string File, string? Entry, string? Error);

/// <summary>
/// Expands inputs into items, lazily (work starts with the first file, whatever the size of the tree): files as they
/// are, folders depth-first in ordinal path order (runs are repeatable) without following links to folders (a link
/// cycle cannot hang it; each such link is reported), .zip archives entry by entry straight from the archive (nothing
/// is unpacked to disk, at most <see cref="IngestOptions.MaxArchiveBytes"/> expanded). Sidecar metadata files
/// (paper.md.json beside paper.md), hidden files and macOS resource forks are not items of their own.
/// </summary>
internal sealed class InputEnumerator(IngestOptions options)
{
    /// <summary>How many items the inputs hold, for progress; null when that cannot be known cheaply (an upload).</summary>
    public int? CountItems(IReadOnlyList<IngestInput> inputs, CancellationToken cancellationToken)
    {
        var total = 0;
        foreach (var input in inputs)
        {
            if (input.Path is null)
            {
                if (!IsZip(input.Name))
                {
                    total++;
                    continue;
                }

                return null;
            }

            try
            {
                if (Directory.Exists(input.Path))
                {
                    foreach (var entry in Walk(input.Path))
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        total += entry.Kind != WalkKind.File ? 1
                            : IsZip(entry.Path) ? CountZip(entry.Path)
                            : Skip(Relative(input.Path, entry.Path), n => File.Exists(Path.Combine(input.Path, n))) ? 0 : 1;
                    }
                }
                else
                {
                    total += IsZip(input.Path) ? CountZip(input.Path) : 1;
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                total++;
            }
        }

        return total;
    }

    public async IAsyncEnumerable<InputItem> EnumerateAsync(IReadOnlyList<IngestInput> inputs, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var input in inputs)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (input.Path is null)
            {
                await foreach (var item in FromUploadAsync(input, cancellationToken))
                {
                    yield return item;
                }

                continue;
            }

            if (Directory.Exists(input.Path))
            {
                foreach (var entry in Walk(input.Path))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    switch (entry.Kind)
                    {
                        case WalkKind.FolderLink:
                            yield return new InputItem(null, entry.Path, null, $"{entry.Path} is a link to a folder; links to folders are not followed (a link can loop back on its own folder)");
                            continue;
                        case WalkKind.Unreadable:
                            yield return new InputItem(null, entry.Path, null, $"{entry.Path} could not be listed: {entry.Error}");
                            continue;
                    }

                    if (Skip(Relative(input.Path, entry.Path), n => File.Exists(Path.Combine(input.Path, n))))
                    {
                        continue;
                    }

                    foreach (var item in FromFile(entry.Path, input.AllowedRoots))
                    {
                        yield return item;
                    }
                }
            }
            else if (File.Exists(input.Path))
            {
                foreach (var item in FromFile(input.Path, input.AllowedRoots))
                {
                    yield return item;
                }
            }
            else
            {
                yield return new InputItem(null, input.Path, null, $"{input.Path}: no such file or folder");
            }
        }
    }

    internal enum WalkKind
    {
        File,
        FolderLink,
        Unreadable,
    }

    internal readonly record struct WalkEntry(string Path, WalkKind Kind, string? Error = null);

    /// <summary>
    /// Files under a folder, depth-first, each folder's entries in ordinal order of their names (a folder's as "name/",
    /// which gives ordinal order of full paths). One folder is listed at a time; links to folders are reported, never
    /// entered. Links to files are files (a confined input checks where they lead).
    /// </summary>
    internal static IEnumerable<WalkEntry> Walk(string root)
    {
        var pending = new Stack<IEnumerator<FileSystemInfo>>();
        var first = List(root, out var error);
        if (first is null)
        {
            yield return new WalkEntry(root, WalkKind.Unreadable, error);
            yield break;
        }

        pending.Push(first);
        while (pending.Count > 0)
        {
            var level = pending.Peek();
            if (!level.MoveNext())
            {
                level.Dispose();
                pending.Pop();
                continue;
            }

            var entry = level.Current;
            if (entry is not DirectoryInfo folder)
            {
                yield return new WalkEntry(entry.FullName, WalkKind.File);
            }
            else if (folder.LinkTarget is not null)
            {
                yield return new WalkEntry(folder.FullName, WalkKind.FolderLink);
            }
            else if (List(folder.FullName, out error) is { } children)
            {
                pending.Push(children);
            }
            else
            {
                yield return new WalkEntry(folder.FullName, WalkKind.Unreadable, error);
            }
        }
    }

    private static IEnumerator<FileSystemInfo>? List(string folder, out string? error)
    {
        try
        {
            error = null;
            return new DirectoryInfo(folder).EnumerateFileSystemInfos()
                .OrderBy(e => e is DirectoryInfo ? e.Name + "/" : e.Name, StringComparer.Ordinal)
                .ToList()
                .GetEnumerator();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error = ex.Message;
            return null;
        }
    }

    private IEnumerable<InputItem> FromFile(string path, IReadOnlyList<string>? allowedRoots, string? display = null)
    {
        if (allowedRoots is not null && Outside(path, allowedRoots) is { } reason)
        {
            yield return new InputItem(null, path, null, reason);
            yield break;
        }

        var name = display ?? path;
        if (!IsZip(name))
        {
            yield return new InputItem(FileItem(path, name, allowedRoots), name, null, null);
            yield break;
        }

        var archive = TryOpenZip(path);
        if (archive is null)
        {
            yield return new InputItem(null, name, null, $"{name} is not a readable .zip archive");
            yield break;
        }

        using (archive)
        {
            foreach (var item in FromArchive(archive, name))
            {
                yield return item;
            }
        }
    }

    /// <summary>Why a file may not be read for a confined input (it resolves outside the allowed folders), or null.</summary>
    private static string? Outside(string path, IReadOnlyList<string> allowedRoots)
    {
        try
        {
            var real = RealPaths.Resolve(path);
            return RealPaths.IsUnder(real, allowedRoots)
                ? null
                : $"{path} leads to {real}, outside the folders the dashboard may ingest from (Ingest:AllowedRoots); not read";
        }
        catch (IOException ex)
        {
            return $"{path} cannot be resolved: {ex.Message}";
        }
    }

    private IEnumerable<InputItem> FromArchive(ZipArchive archive, string file)
    {
        var budget = new ArchiveBudget(options.MaxArchiveBytes, file);
        var entries = EntriesOf(archive, out var broken);
        if (broken is not null)
        {
            yield return new InputItem(null, file, null, $"{file} is not a readable .zip archive: {broken}");
            yield break;
        }

        var yielded = false;
        for (var index = 0; index < entries.Count; index++)
        {
            var entry = entries[index];
            // Windows tools write "\" as the separator; read it as "/" so names are judged the same way.
            var name = entry.FullName.Replace('\\', '/');
            if (name.EndsWith('/'))
            {
                continue;
            }

            if (IsUnsafeEntryName(name))
            {
                yielded = true;
                yield return new InputItem(null, file, entry.FullName, $"{file}!{entry.FullName}: unsafe entry name (a path with '..', a root or a drive, the shape of a path-traversal attack); not read");
                continue;
            }

            if (Skip(name, n => archive.GetEntry(n) is not null))
            {
                continue;
            }

            yielded = true;

            if (budget.Exhausted)
            {
                yield return new InputItem(null, file, null,
                    $"{file} expands past the {options.MaxArchiveBytes:N0}-byte limit for one archive (Ingest:MaxArchiveBytes); its last {entries.Count - index} entries were not read");
                yield break;
            }

            if (IsZip(name))
            {
                yield return new InputItem(null, file, entry.FullName, $"{file}!{entry.FullName}: archives inside archives are not read; unpack the outer one");
                continue;
            }

            var display = $"{file}!{entry.FullName}";
            var directory = name.Contains('/') ? name[..(name.LastIndexOf('/') + 1)] : "";
            var item = new SourceItem(
                file,
                entry.FullName,
                entry.Length,
                () => new LimitedReadStream(entry.Open(), options.MaxEntryBytes, display, position => budget.Charge(entry.FullName, position)),
                sidecar => archive.GetEntry(directory + sidecar) is { } found ? ReadSidecar(found) : null);
            yield return new InputItem(item, file, entry.FullName, null);
        }

        if (!yielded)
        {
            yield return new InputItem(null, file, null, $"{file} holds no paper files (it is empty, or has only folders, hidden files or sidecars)");
        }
    }

    /// <summary>The archive's entries; its central directory is read here, so a corrupt one is this archive's error alone.</summary>
    private static IReadOnlyList<ZipArchiveEntry> EntriesOf(ZipArchive archive, out string? broken)
    {
        try
        {
            broken = null;
            return archive.Entries;
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or ArgumentException)
        {
            broken = ex.Message;
            return [];
        }
    }

    /// <summary>A name that would leave the extraction folder if unpacked: "..", an absolute path or a drive.</summary>
    private static bool IsUnsafeEntryName(string name) =>
        name.StartsWith('/') || (name.Length >= 2 && name[1] == ':' && char.IsAsciiLetter(name[0]))
        || name.Split('/').Any(part => part == "..");

    private async IAsyncEnumerable<InputItem> FromUploadAsync(IngestInput input, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (input.OpenStream is null)
        {
            yield return new InputItem(null, input.Name, null, $"{input.Name}: input has neither a path nor a stream");
            yield break;
        }

        // A file on disk (the dashboard spools uploads to its own folder) is read in place; any other stream is
        // spooled to a temporary file first, so no upload, however large, is held in memory.
        string path;
        string? temporary = null;
        var stream = await input.OpenStream(cancellationToken);
        if (stream is FileStream { CanSeek: true } onDisk)
        {
            path = onDisk.Name;
            await stream.DisposeAsync();
        }
        else
        {
            temporary = Path.Combine(Path.GetTempPath(), $"ptmreuse-upload-{Guid.NewGuid():N}{Path.GetExtension(input.Name)}");
            string? error = null;
            await using (stream)
            await using (var limited = new LimitedReadStream(stream, IsZip(input.Name) ? long.MaxValue : options.MaxEntryBytes, input.Name))
            await using (var target = File.Create(temporary))
            {
                try
                {
                    await limited.CopyToAsync(target, cancellationToken);
                }
                catch (PaperFormatException ex)
                {
                    error = ex.Message;
                }
            }

            if (error is not null)
            {
                File.Delete(temporary);
                yield return new InputItem(null, input.Name, null, error);
                yield break;
            }

            path = temporary;
        }

        try
        {
            foreach (var item in FromFile(path, null, input.Name))
            {
                yield return item;
            }
        }
        finally
        {
            if (temporary is not null)
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>A file read from disk, shown as <paramref name="display"/> (an upload's own name, not its spool path).</summary>
    private SourceItem FileItem(string path, string display, IReadOnlyList<string>? allowedRoots) =>
        new(display, null, new FileInfo(path).Length, () => new LimitedReadStream(File.OpenRead(path), options.MaxEntryBytes, display), name =>
        {
            var candidate = Path.Combine(Path.GetDirectoryName(path) ?? "", name);
            if (!File.Exists(candidate) || (allowedRoots is not null && Outside(candidate, allowedRoots) is not null))
            {
                return null;
            }

            using var stream = new LimitedReadStream(File.OpenRead(candidate), Math.Min(options.MaxEntryBytes, SidecarLimit), candidate);
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            return buffer.ToArray();
        });

    private const long SidecarLimit = 16 * 1024 * 1024;

    private byte[] ReadSidecar(ZipArchiveEntry entry)
    {
        using var stream = new LimitedReadStream(entry.Open(), Math.Min(options.MaxEntryBytes, SidecarLimit), entry.FullName);
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    private static ZipArchive? TryOpenZip(string path)
    {
        try
        {
            return ZipFile.OpenRead(path);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static int CountZip(string path)
    {
        using var archive = ZipFile.OpenRead(path);
        return archive.Entries.Count(e => !e.FullName.EndsWith('/') && !Skip(e.FullName.Replace('\\', '/'), n => archive.GetEntry(n) is not null));
    }

    private static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');

    private static bool IsZip(string name) => name.EndsWith(".zip", StringComparison.OrdinalIgnoreCase);

    private static bool Skip(string relative, Func<string, bool> exists)
    {
        var name = relative.Contains('/') ? relative[(relative.LastIndexOf('/') + 1)..] : relative;
        var directory = relative[..(relative.Length - name.Length)];
        return name.StartsWith('.') || relative.StartsWith("__MACOSX/", StringComparison.Ordinal)
            || FormatDetector.IsSidecarFor(name, n => exists(directory + n));
    }

    /// <summary>
    /// Bytes one archive has expanded to so far: each entry counts for the most bytes read from it in any one pass (an
    /// entry is read more than once: detection, hashing, parsing), and reading stops once the total passes the limit.
    /// </summary>
    private sealed class ArchiveBudget(long limit, string archive)
    {
        private readonly Dictionary<string, long> _perEntry = new(StringComparer.Ordinal);
        private long _total;

        public bool Exhausted => _total >= limit;

        public void Charge(string entry, long position)
        {
            var before = _perEntry.GetValueOrDefault(entry);
            if (position <= before)
            {
                return;
            }

            _perEntry[entry] = position;
            _total += position - before;
            if (_total > limit)
            {
                throw new PaperFormatException($"{archive}!{entry}: the archive expands past the {limit:N0}-byte limit for one archive (Ingest:MaxArchiveBytes); refused");
            }
        }
    }
}
