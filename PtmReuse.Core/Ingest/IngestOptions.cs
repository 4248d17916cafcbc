using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace PtmReuse.Core.Ingest;

/// <summary>
/// Ingest limits. Bound from the "Ingest" configuration section and validated at start-up. Together they bound the
/// memory any input can take: no document larger than <see cref="MaxDocumentBytes"/> is held whole, no more than
/// <see cref="MaxBytesInFlight"/> of documents wait to be parsed, and an archive stops at <see cref="MaxArchiveBytes"/>.
/// </summary>
public sealed class IngestOptions
{
    public const string Section = "Ingest";

    private const long MiB = 1024 * 1024;

    /// <summary>
    /// Largest expanded size of one file or archive entry, in bytes (default 256 MiB). Counted while reading, so an
    /// entry that lies about its size in the zip header (a zip bomb) is stopped at this many bytes. Tables (CSV,
    /// JSONL) stream record by record up to this size; PDFs are read whole up to it.
    /// </summary>
    [Range(1024, 16L * 1024 * MiB)]
    public long MaxEntryBytes { get; set; } = 256 * MiB;

    /// <summary>
    /// Largest document parsed as a whole (XML, Markdown, text, a .json file, one CSV row or JSONL line), in bytes
    /// (default 32 MiB; the longest paper in the corpus is under 1 MiB). A larger one is refused after reading this
    /// many bytes, never buffered or parsed: parsing costs several times its size in memory. When
    /// <see cref="MaxEntryBytes"/> is lower, that applies instead (<see cref="DocumentLimit"/>).
    /// </summary>
    [Range(1024, int.MaxValue)]
    public long MaxDocumentBytes { get; set; } = 32 * MiB;

    /// <summary>
    /// Most bytes one archive may expand to, all entries together (default 4 GiB). The entries after that point are
    /// not read; the archive gets one error saying so.
    /// </summary>
    [Range(1024, long.MaxValue)]
    public long MaxArchiveBytes { get; set; } = 4096 * MiB;

    /// <summary>
    /// Most bytes of documents read and waiting to be parsed together (default 64 MiB). A chunk is parsed when it
    /// reaches this or <see cref="BatchSize"/> documents; a document of a quarter of this or more is parsed alone.
    /// </summary>
    [Range(1024, int.MaxValue)]
    public long MaxBytesInFlight { get; set; } = 64 * MiB;

    /// <summary>Papers written per database transaction; the change tracker is cleared after each (bounded memory).</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 200;

    /// <summary>How many error records the returned summary carries (all are stored in the database).</summary>
    [Range(0, 100_000)]
    public int MaxErrorsInSummary { get; set; } = 1000;

    /// <summary>
    /// Folders the dashboard's server-path ingest may read (links are followed before the check). Empty means the
    /// data folder's "inbox" (beside the database). The command line is not limited by this.
    /// </summary>
    public List<string> AllowedRoots { get; set; } = [];

    /// <summary>Documents at least this large are parsed one at a time, not beside others.</summary>
    public long LargeDocumentBytes => MaxBytesInFlight / 4;

    /// <summary>The document limit in force: <see cref="MaxDocumentBytes"/>, or the entry limit when that is lower.</summary>
    public long DocumentLimit => Math.Min(MaxDocumentBytes, MaxEntryBytes);

    /// <summary>The setting that gives <see cref="DocumentLimit"/>, for error messages.</summary>
    public string DocumentLimitName => MaxDocumentBytes <= MaxEntryBytes ? "Ingest:MaxDocumentBytes" : "Ingest:MaxEntryBytes";
}

/// <summary>Rules between ingest settings, checked at start-up with the per-setting ranges.</summary>
public sealed class IngestOptionsValidator : IValidateOptions<IngestOptions>
{
    public ValidateOptionsResult Validate(string? name, IngestOptions options)
    {
        var failures = new List<string>();
        if (options.LargeDocumentBytes < 1024)
        {
            failures.Add($"Ingest:MaxBytesInFlight ({options.MaxBytesInFlight:N0}) must be at least 4 KiB.");
        }

        if (options.MaxEntryBytes > options.MaxArchiveBytes)
        {
            failures.Add($"Ingest:MaxEntryBytes ({options.MaxEntryBytes:N0}) must not exceed Ingest:MaxArchiveBytes ({options.MaxArchiveBytes:N0}).");
        }

        if (options.AllowedRoots.Any(string.IsNullOrWhiteSpace))
        {
            failures.Add("Ingest:AllowedRoots has an empty entry; give folder paths, or leave the list empty for the data folder's inbox.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
