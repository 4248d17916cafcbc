using System.ComponentModel.DataAnnotations;

namespace PtmReuse.Core.Ingest;

/// <summary>Ingest limits. Bound from the "Ingest" configuration section and validated at start-up.</summary>
public sealed class IngestOptions
{
    public const string Section = "Ingest";

    /// <summary>
    /// Largest expanded size of one file or archive entry, in bytes (default 256 MiB). Counted while reading, so an
    /// entry that lies about its size in the zip header (a zip bomb) is stopped at this many bytes.
    /// </summary>
    [Range(1024, 16L * 1024 * 1024 * 1024)]
    public long MaxEntryBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>Papers written per database transaction; the change tracker is cleared after each (bounded memory).</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 200;

    /// <summary>How many error records the returned summary carries (all are stored in the database).</summary>
    [Range(0, 100_000)]
    public int MaxErrorsInSummary { get; set; } = 1000;
}
