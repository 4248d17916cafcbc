using System.IO.Compression;
using System.Security.Cryptography;

namespace PtmReuse.Core.Export;

/// <summary>One written file: its path inside the export, SHA-256 (lower-case hex) and size in bytes.</summary>
public sealed record ExportedFile(string Path, string Sha256, long Bytes);

/// <summary>
/// Where an export's files go: a folder (<see cref="DirectoryExportTarget"/>) or a zip archive
/// (<see cref="ZipExportTarget"/>). Every file is hashed as it is written, so a manifest needs no second read and
/// nothing is buffered whole in memory.
/// </summary>
public abstract class ExportTarget : IAsyncDisposable
{
    private readonly List<ExportedFile> _files = [];

    /// <summary>Files written so far, in the order written.</summary>
    public IReadOnlyList<ExportedFile> Files => _files;

    /// <summary>Opens a new file at a relative path with '/' separators; dispose the stream to finish it.</summary>
    public Stream Create(string relativePath)
    {
        if (relativePath.Length == 0 || relativePath.StartsWith('/') || relativePath.Split('/').Any(p => p is "" or "." or ".."))
        {
            throw new ArgumentException($"Export paths are relative and plain: '{relativePath}'.", nameof(relativePath));
        }

        if (_files.Any(f => f.Path == relativePath))
        {
            throw new InvalidOperationException($"The export already has a file '{relativePath}'.");
        }

        return new HashingStream(Open(relativePath), (sha, bytes) => _files.Add(new ExportedFile(relativePath, sha, bytes)));
    }

    /// <summary>Writes a text file (UTF-8, no BOM) through a writer callback.</summary>
    public async Task WriteTextAsync(string relativePath, Func<TextWriter, Task> write)
    {
        await using var stream = Create(relativePath);
        await using var writer = new StreamWriter(stream, ExportText.Utf8, bufferSize: 64 * 1024, leaveOpen: true);
        await write(writer);
        await writer.FlushAsync();
    }

    public Task WriteTextAsync(string relativePath, Action<TextWriter> write) =>
        WriteTextAsync(relativePath, writer =>
        {
            write(writer);
            return Task.CompletedTask;
        });

    protected abstract Stream Open(string relativePath);

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    /// <summary>A write-only pass-through that hashes and counts, reporting both when disposed.</summary>
    private sealed class HashingStream(Stream inner, Action<string, long> completed) : Stream
    {
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private long _bytes;
        private bool _disposed;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _bytes;

        public override long Position { get => _bytes; set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            _hash.AppendData(buffer);
            _bytes += buffer.Length;
            inner.Write(buffer);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            _hash.AppendData(buffer.Span);
            _bytes += buffer.Length;
            await inner.WriteAsync(buffer, cancellationToken);
        }

        public override void Flush() => inner.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing && !_disposed)
            {
                _disposed = true;
                inner.Dispose();
                completed(Convert.ToHexStringLower(_hash.GetHashAndReset()), _bytes);
                _hash.Dispose();
            }

            base.Dispose(disposing);
        }

        public override async ValueTask DisposeAsync()
        {
            if (!_disposed)
            {
                _disposed = true;
                await inner.DisposeAsync();
                completed(Convert.ToHexStringLower(_hash.GetHashAndReset()), _bytes);
                _hash.Dispose();
            }

            await base.DisposeAsync();
        }
    }
}

/// <summary>Files under a folder (created if missing); existing files of the same name are replaced.</summary>
public sealed class DirectoryExportTarget(string root) : ExportTarget
{
    public string Root { get; } = Path.GetFullPath(root);

    protected override Stream Open(string relativePath)
    {
        var path = Path.Combine(Root, relativePath.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true);
    }
}

/// <summary>
/// Entries of a zip archive written to a stream, in the order created, all stamped with one time so the archive's
/// listing is the same for the same content. One entry is open at a time.
/// </summary>
public sealed class ZipExportTarget(Stream output, DateTimeOffset stamp) : ExportTarget
{
    private readonly ZipArchive _archive = new(output, ZipArchiveMode.Create, leaveOpen: true);

    protected override Stream Open(string relativePath)
    {
        var entry = _archive.CreateEntry(relativePath, CompressionLevel.Optimal);
        entry.LastWriteTime = stamp;
        return entry.Open();
    }

    public override async ValueTask DisposeAsync()
    {
        await _archive.DisposeAsync();
        await base.DisposeAsync();
    }
}

internal static class ExportText
{
    public static readonly System.Text.UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
}
