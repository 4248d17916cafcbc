using System.ComponentModel.DataAnnotations;

namespace PtmReuse.Core.Storage;

/// <summary>Where the paper store lives. Bound from the "Storage" configuration section.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>Path of the SQLite database file; relative paths are resolved against the working directory.</summary>
    [Required]
    public string DatabasePath { get; set; } = "data/ptmreuse.db";

    public string ConnectionString()
    {
        var full = Path.GetFullPath(DatabasePath);
        // Private cache: SQLite discourages shared-cache mode, and WAL already lets readers run beside the writer.
        return $"Data Source={full};Pooling=True;Default Timeout=60";
    }
}
