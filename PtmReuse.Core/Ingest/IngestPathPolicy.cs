using Microsoft.Extensions.Options;
using PtmReuse.Core.Storage;

namespace PtmReuse.Core.Ingest;

/// <summary>A server path the dashboard may ingest (as a confined input), or why not.</summary>
public sealed record IngestPathCheck(IngestInput? Input, string? Error)
{
    public bool Allowed => Input is not null;
}

/// <summary>
/// Which server paths the dashboard may ingest: only those under <see cref="IngestOptions.AllowedRoots"/> (default: the
/// data folder's "inbox", created on first use), judged on the real path after every link is followed, so a link in
/// the inbox cannot lead out of it. The input it returns is confined: files met while walking a folder are checked
/// the same way (see <see cref="IngestInput.AllowedRoots"/>). The command line ingests whatever its user can read.
/// </summary>
public sealed class IngestPathPolicy(IOptions<IngestOptions> ingest, IOptions<StorageOptions> storage)
{
    /// <summary>The allowed folders as configured (or the default inbox), each resolved to its real path.</summary>
    public IReadOnlyList<string> Roots
    {
        get
        {
            var configured = ingest.Value.AllowedRoots;
            if (configured.Count > 0)
            {
                return configured.Select(r => RealPaths.Resolve(r)).ToList();
            }

            var inbox = DefaultInbox;
            Directory.CreateDirectory(inbox);
            return [RealPaths.Resolve(inbox)];
        }
    }

    /// <summary>The data folder's inbox: "inbox" beside the database file.</summary>
    public string DefaultInbox => Path.Combine(Path.GetDirectoryName(Path.GetFullPath(storage.Value.DatabasePath)) ?? ".", "inbox");

    public IngestPathCheck Check(string? path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return new IngestPathCheck(null, "Give a file or folder path on the server.");
        }

        var roots = Roots;
        string real;
        try
        {
            real = RealPaths.Resolve(path.Trim());
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return new IngestPathCheck(null, $"{path} cannot be resolved: {ex.Message}");
        }

        if (!RealPaths.IsUnder(real, roots))
        {
            var shown = real == Path.GetFullPath(path.Trim()) ? path.Trim() : $"{path.Trim()} (which leads to {real})";
            return new IngestPathCheck(null, $"{shown} is outside the folders the dashboard may ingest from ({string.Join(", ", roots)}; Ingest:AllowedRoots).");
        }

        if (!File.Exists(real) && !Directory.Exists(real))
        {
            return new IngestPathCheck(null, $"Nothing at {real} on the server.");
        }

        return new IngestPathCheck(IngestInput.FromPath(real) with { AllowedRoots = roots }, null);
    }
}

/// <summary>Real paths: every link in a path followed (realpath(3)), and containment checks on the result.</summary>
public static class RealPaths
{
    private const int MaxLinkHops = 40;

    /// <summary>
    /// The absolute path with every symbolic link in it resolved, component by component (a missing tail is kept as
    /// given). Throws <see cref="IOException"/> on a link loop.
    /// </summary>
    public static string Resolve(string path)
    {
        var hops = 0;
        return Resolve(Path.TrimEndingDirectorySeparator(Path.GetFullPath(path)), ref hops);
    }

    public static bool IsUnder(string realPath, IEnumerable<string> realRoots)
    {
        var comparison = OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        return realRoots.Any(root =>
        {
            var trimmed = root.TrimEnd(Path.DirectorySeparatorChar);
            return realPath.Equals(trimmed, comparison) || realPath.StartsWith(trimmed + Path.DirectorySeparatorChar, comparison)
                || trimmed.Length == 0; // the file-system root itself
        });
    }

    private static string Resolve(string full, ref int hops)
    {
        var parent = Path.GetDirectoryName(full);
        if (parent is null)
        {
            return full; // a root
        }

        var candidate = Path.Combine(Resolve(parent, ref hops), Path.GetFileName(full));
        var target = new FileInfo(candidate).LinkTarget;
        if (target is null)
        {
            return candidate;
        }

        if (++hops > MaxLinkHops)
        {
            throw new IOException($"{full}: too many levels of symbolic links");
        }

        return Resolve(Path.GetFullPath(target, Path.GetDirectoryName(candidate)!), ref hops);
    }
}
