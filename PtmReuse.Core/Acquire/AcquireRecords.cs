namespace PtmReuse.Core.Acquire;

public enum HarvestStatus
{
    Running,
    Completed,
    Cancelled,

    /// <summary>Left Running by a process that stopped (a kill, a crash); resumable like a cancelled harvest.</summary>
    Interrupted,
    Failed,

    /// <summary>Stored, not started yet (a start that never ran can be resumed).</summary>
    Pending,
}

/// <summary>
/// One OpenAlex harvest: its query, the count OpenAlex expected, what came of it, and the cursor of the next page,
/// saved after every page so a killed harvest resumes with no duplicate and no gap.
/// </summary>
public sealed class Harvest
{
    public long Id { get; set; }

    /// <summary>The <see cref="OpenAlexQuery"/> as JSON (what a resume runs again).</summary>
    public string QueryJson { get; set; } = "{}";

    /// <summary>The OpenAlex filter and search, as sent (for the history table).</summary>
    public string Description { get; set; } = "";

    public string Origin { get; set; } = "cli";
    public DateTime StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    public HarvestStatus Status { get; set; }

    /// <summary>OpenAlex's meta.count for the query when the harvest started.</summary>
    public int? ExpectedCount { get; set; }

    public int? Limit { get; set; }
    public int Pages { get; set; }
    public int WorksSeen { get; set; }
    public int Added { get; set; }
    public int Updated { get; set; }
    public int Unchanged { get; set; }
    public int Failed { get; set; }

    /// <summary>Cursor of the next page to read; null before the first page and after the last.</summary>
    public string? NextCursor { get; set; }

    public string? LastError { get; set; }
}

public enum FullTextStatus
{
    Fetched,
    Failed,

    /// <summary>Not fetched because its licence is not open (and non-open fetching was not opted in).</summary>
    NotOpen,
}

/// <summary>
/// The outcome of fetching one paper's full text: the file kept under the data folder with its source, URL,
/// licence and SHA-256, or why no file could be had. One row per paper (the latest attempt).
/// </summary>
public sealed class FullTextFile
{
    public long Id { get; set; }
    public long PaperId { get; set; }
    public FullTextStatus Status { get; set; }

    /// <summary>plos, europepmc, biorxiv, medrxiv, openalex-pdf.</summary>
    public string? Source { get; set; }

    public string? Url { get; set; }
    public string? Licence { get; set; }

    /// <summary>Path relative to the acquire data folder.</summary>
    public string? Path { get; set; }

    public string? Sha256 { get; set; }
    public long Bytes { get; set; }
    public string? Error { get; set; }
    public DateTime FetchedAt { get; set; }
}
