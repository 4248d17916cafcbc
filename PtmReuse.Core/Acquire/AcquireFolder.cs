using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using PtmReuse.Core.Storage;

namespace PtmReuse.Core.Acquire;

/// <summary>
/// The folder that keeps what was acquired: OpenAlex work records (openalex/works/W….json, one file a work, so a
/// repeated harvest rewrites the same file) and full-text files (fulltext/&lt;source&gt;/…). Files are written to a
/// temporary name and moved into place, so a kill never leaves half a file under the real name.
/// </summary>
public sealed class AcquireFolder(IOptions<AcquireOptions> options, IOptions<StorageOptions> storage)
{
    public string Root
    {
        get
        {
            var configured = options.Value.DataFolder;
            return Path.GetFullPath(string.IsNullOrWhiteSpace(configured)
                ? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(storage.Value.DatabasePath)) ?? ".", "acquire")
                : configured);
        }
    }

    public string Full(string relative) => Path.Combine(Root, relative);

    /// <summary>Writes the bytes atomically and returns their SHA-256 (lower-case hex).</summary>
    public async Task<string> WriteAsync(string relative, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        var path = Full(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".part-" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            await File.WriteAllBytesAsync(temporary, bytes, cancellationToken);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }

        return Convert.ToHexStringLower(SHA256.HashData(bytes.Span));
    }

    /// <summary>A file name from a DOI or id: letters, digits, '.', '-' and '_' kept, anything else '_'.</summary>
    public static string SafeName(string text)
    {
        var chars = text.Trim().Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_').ToArray();
        var name = new string(chars).Trim('.');
        return name.Length == 0 ? "unnamed" : name.Length > 180 ? name[..180] : name;
    }
}
