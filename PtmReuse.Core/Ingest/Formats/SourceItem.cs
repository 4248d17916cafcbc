namespace PtmReuse.Core.Ingest.Formats;

/// <summary>
/// One readable source: a file, or an entry inside a .zip. <see cref="Open"/> may be called more than once
/// (hashing, then parsing); <see cref="Sidecar"/> returns the bytes of a sibling file such as "paper.md.json".
/// </summary>
public sealed class SourceItem(string file, string? entry, long? length, Func<Stream> open, Func<string, byte[]?>? sidecar = null)
{
    public string File { get; } = file;

    public string? Entry { get; } = entry;

    /// <summary>Name whose extension decides the format: the entry name inside an archive, else the file name.</summary>
    public string Name => Entry ?? File;

    /// <summary>How the user sees it in messages: "archive.zip!dir/paper.xml" or the file path.</summary>
    public string Display => Entry is null ? File : $"{File}!{Entry}";

    public long? Length { get; } = length;

    public Func<Stream> Open { get; } = open;

    public byte[]? Sidecar(string name) => sidecar?.Invoke(name);

    public static SourceItem FromFile(string path) =>
        new(path, null, new FileInfo(path).Length, () => System.IO.File.OpenRead(path), name =>
        {
            var candidate = Path.Combine(Path.GetDirectoryName(path) ?? "", name);
            return System.IO.File.Exists(candidate) ? System.IO.File.ReadAllBytes(candidate) : null;
        });
}

/// <summary>One paper read from a source, or the reason one record of a multi-record source (CSV, JSONL) failed.</summary>
public sealed record ParsedRecord(Papers.Paper? Paper, string? Error, string? Locator = null);
