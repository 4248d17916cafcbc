using System.IO.Compression;
using PtmReuse.Core.Ingest.Formats;

namespace PtmReuse.Core.Ingest;

/// <summary>One thing to ingest, or the reason an input could not even be opened (missing path, corrupt archive).</summary>
internal sealed record InputItem(SourceItem? Item, string File, string? Entry, string? Error);

/// <summary>
/// Expands inputs into items: files as they are, folders recursively (sorted, so runs are repeatable), .zip archives
/// entry by entry straight from the archive (nothing is unpacked to disk). Sidecar metadata files (paper.md.json
/// beside paper.md), hidden files and macOS resource forks are not items of their own.
/// </summary>
internal sealed class InputEnumerator(IngestOptions options)
{
    public int? CountItems(IReadOnlyList<IngestInput> inputs)
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
                    foreach (var file in Directory.EnumerateFiles(input.Path, "*", SearchOption.AllDirectories))
                    {
                        total += IsZip(file) ? CountZip(file) : Skip(Path.GetRelativePath(input.Path, file), n => File.Exists(Path.Combine(input.Path, n))) ? 0 : 1;
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
                var files = Directory.EnumerateFiles(input.Path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal);
                foreach (var file in files)
                {
                    var relative = Path.GetRelativePath(input.Path, file).Replace('\\', '/');
                    if (Skip(relative, n => File.Exists(Path.Combine(input.Path, n))))
                    {
                        continue;
                    }

                    foreach (var item in FromFile(file))
                    {
                        yield return item;
                    }
                }
            }
            else if (File.Exists(input.Path))
            {
                foreach (var item in FromFile(input.Path))
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

    private IEnumerable<InputItem> FromFile(string path)
    {
        if (!IsZip(path))
        {
            yield return new InputItem(FileItem(path), path, null, null);
            yield break;
        }

        var archive = TryOpenZip(path);
        if (archive is null)
        {
            yield return new InputItem(null, path, null, $"{path} is not a readable .zip archive");
            yield break;
        }

        using (archive)
        {
            foreach (var item in FromArchive(archive, path))
            {
                yield return item;
            }
        }
    }

    private IEnumerable<InputItem> FromArchive(ZipArchive archive, string file)
    {
        foreach (var entry in archive.Entries)
        {
            if (entry.FullName.EndsWith('/') || Skip(entry.FullName, n => archive.GetEntry(n) is not null))
            {
                continue;
            }

            if (IsZip(entry.FullName))
            {
                yield return new InputItem(null, file, entry.FullName, $"{file}!{entry.FullName}: archives inside archives are not read; unpack the outer one");
                continue;
            }

            var display = $"{file}!{entry.FullName}";
            var directory = entry.FullName.Contains('/') ? entry.FullName[..(entry.FullName.LastIndexOf('/') + 1)] : "";
            var item = new SourceItem(
                file,
                entry.FullName,
                entry.Length,
                () => new LimitedReadStream(entry.Open(), options.MaxEntryBytes, display),
                name => archive.GetEntry(directory + name) is { } sidecar ? ReadSidecar(sidecar) : null);
            yield return new InputItem(item, file, entry.FullName, null);
        }
    }

    private async IAsyncEnumerable<InputItem> FromUploadAsync(IngestInput input, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (input.OpenStream is null)
        {
            yield return new InputItem(null, input.Name, null, $"{input.Name}: input has neither a path nor a stream");
            yield break;
        }

        if (IsZip(input.Name))
        {
            // ZipArchive needs a seekable stream; an upload is copied to a temporary file (the archive, never its content).
            var temp = Path.Combine(Path.GetTempPath(), $"ptmreuse-upload-{Guid.NewGuid():N}.zip");
            try
            {
                await using (var source = await input.OpenStream(cancellationToken))
                await using (var target = File.Create(temp))
                {
                    await source.CopyToAsync(target, cancellationToken);
                }

                var archive = TryOpenZip(temp);
                if (archive is null)
                {
                    yield return new InputItem(null, input.Name, null, $"{input.Name} is not a readable .zip archive");
                    yield break;
                }

                using (archive)
                {
                    foreach (var item in FromArchive(archive, input.Name))
                    {
                        yield return item;
                    }
                }
            }
            finally
            {
                File.Delete(temp);
            }

            yield break;
        }

        byte[] bytes;
        await using (var stream = await input.OpenStream(cancellationToken))
        await using (var limited = new LimitedReadStream(stream, options.MaxEntryBytes, input.Name))
        using (var buffer = new MemoryStream())
        {
            string? error = null;
            try
            {
                await limited.CopyToAsync(buffer, cancellationToken);
            }
            catch (PaperFormatException ex)
            {
                error = ex.Message;
            }

            if (error is not null)
            {
                yield return new InputItem(null, input.Name, null, error);
                yield break;
            }

            bytes = buffer.ToArray();
        }

        yield return new InputItem(new SourceItem(input.Name, null, bytes.Length, () => new MemoryStream(bytes, writable: false)), input.Name, null, null);
    }

    private SourceItem FileItem(string path) =>
        new(path, null, new FileInfo(path).Length, () => new LimitedReadStream(File.OpenRead(path), options.MaxEntryBytes, path), name =>
        {
            var candidate = Path.Combine(Path.GetDirectoryName(path) ?? "", name);
            return File.Exists(candidate) ? File.ReadAllBytes(candidate) : null;
        });

    private byte[] ReadSidecar(ZipArchiveEntry entry)
    {
        using var stream = new LimitedReadStream(entry.Open(), Math.Min(options.MaxEntryBytes, 16 * 1024 * 1024), entry.FullName);
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
        return archive.Entries.Count(e => !e.FullName.EndsWith('/') && !Skip(e.FullName, n => archive.GetEntry(n) is not null));
    }

    private static bool IsZip(string name) => name.EndsWith(".zip", StringComparison.OrdinalIgnoreCase);

    private static bool Skip(string relative, Func<string, bool> exists)
    {
        var name = relative.Contains('/') ? relative[(relative.LastIndexOf('/') + 1)..] : relative;
        var directory = relative[..(relative.Length - name.Length)];
        return name.StartsWith('.') || relative.StartsWith("__MACOSX/", StringComparison.Ordinal)
            || FormatDetector.IsSidecarFor(name, n => exists(directory + n));
    }
}
