using System.ComponentModel.DataAnnotations;

namespace PtmReuse.Dashboard.Ingest;

/// <summary>Limits for browser uploads on the ingest page. Bound from the "Upload" configuration section.</summary>
public sealed class UploadOptions
{
    public const string Section = "Upload";

    /// <summary>Largest single uploaded file (a .zip archive counts as one file). Default 4 GiB.</summary>
    [Range(1, long.MaxValue)]
    public long MaxFileBytes { get; set; } = 4L * 1024 * 1024 * 1024;

    /// <summary>Most files accepted per selection or drop.</summary>
    [Range(1, 10_000)]
    public int MaxFileCount { get; set; } = 1000;

    /// <summary>
    /// Folder for uploads while they are ingested (deleted afterwards); empty means the system temp folder.
    /// </summary>
    public string? TemporaryFolder { get; set; }

    public string ResolveTemporaryFolder() =>
        string.IsNullOrWhiteSpace(TemporaryFolder) ? Path.Combine(Path.GetTempPath(), "ptmreuse-uploads") : TemporaryFolder;
}
