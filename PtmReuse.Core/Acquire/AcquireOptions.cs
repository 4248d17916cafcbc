using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace PtmReuse.Core.Acquire;

/// <summary>
/// Where and how politely papers are acquired: the services' base URLs (tests and mirrors point them elsewhere),
/// the OpenAlex polite-pool address, rate and concurrency limits, retries, and the folder that keeps every
/// harvested record and fetched file. Bound from "Acquire"; environment overrides as Acquire__OpenAlexBaseUrl.
/// </summary>
public sealed class AcquireOptions
{
    public const string Section = "Acquire";

    [Required]
    public string OpenAlexBaseUrl { get; set; } = "https://api.openalex.org";

    [Required]
    public string PlosBaseUrl { get; set; } = "https://journals.plos.org";

    [Required]
    public string EuropePmcBaseUrl { get; set; } = "https://www.ebi.ac.uk/europepmc/webservices/rest";

    [Required]
    public string BiorxivBaseUrl { get; set; } = "https://api.biorxiv.org";

    /// <summary>Sent as mailto= so OpenAlex serves us from its polite pool; empty means the common pool.</summary>
    public string? Mailto { get; set; }

    /// <summary>OpenAlex allows 10 requests a second (and 100,000 a day); we stay under it, retries included.</summary>
    [Range(0.1, 10)]
    public double OpenAlexRequestsPerSecond { get; set; } = 8;

    /// <summary>Works per OpenAlex page; 200 is the API's maximum.</summary>
    [Range(1, 200)]
    public int PageSize { get; set; } = 200;

    /// <summary>Papers whose full text is fetched at once.</summary>
    [Range(1, 64)]
    public int FullTextConcurrency { get; set; } = 4;

    /// <summary>Requests in flight to any one full-text host.</summary>
    [Range(1, 64)]
    public int FullTextConcurrencyPerHost { get; set; } = 2;

    [Range(0, 10)]
    public int MaxRetries { get; set; } = 4;

    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(60);

    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Largest response body read (a page of works or a full-text file).</summary>
    [Range(1024, 1L << 32)]
    public long MaxResponseBytes { get; set; } = 100L * 1024 * 1024;

    /// <summary>Fetch full text whose licence is not open (or not known) too. Off: only open licences are fetched.</summary>
    public bool FetchNonOpenLicences { get; set; }

    /// <summary>
    /// Folder of harvested records and fetched files (a run is reproducible offline from it). Empty means
    /// "acquire" beside the database file.
    /// </summary>
    public string? DataFolder { get; set; }
}

/// <summary>Rules across fields of <see cref="AcquireOptions"/> (each is tested).</summary>
public sealed class AcquireOptionsValidator : IValidateOptions<AcquireOptions>
{
    public ValidateOptionsResult Validate(string? name, AcquireOptions options)
    {
        var problems = new List<string>();
        foreach (var (key, value) in new[]
        {
            (nameof(AcquireOptions.OpenAlexBaseUrl), options.OpenAlexBaseUrl),
            (nameof(AcquireOptions.PlosBaseUrl), options.PlosBaseUrl),
            (nameof(AcquireOptions.EuropePmcBaseUrl), options.EuropePmcBaseUrl),
            (nameof(AcquireOptions.BiorxivBaseUrl), options.BiorxivBaseUrl),
        })
        {
            if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || !string.IsNullOrEmpty(uri.Query))
            {
                problems.Add($"Acquire:{key} must be an absolute http(s) URL without a query, not '{value}'.");
            }
        }

        if (!string.IsNullOrWhiteSpace(options.Mailto) && !IsEmailAddress(options.Mailto))
        {
            problems.Add($"Acquire:Mailto must be an e-mail address (OpenAlex's polite pool), not '{options.Mailto}'.");
        }

        if (options.AttemptTimeout <= TimeSpan.Zero)
        {
            problems.Add("Acquire:AttemptTimeout must be positive.");
        }

        if (options.TotalTimeout <= options.AttemptTimeout)
        {
            problems.Add($"Acquire:TotalTimeout ({options.TotalTimeout}) must be longer than Acquire:AttemptTimeout ({options.AttemptTimeout}).");
        }

        if (options.RetryBaseDelay < TimeSpan.Zero)
        {
            problems.Add("Acquire:RetryBaseDelay cannot be negative.");
        }

        if (options.FullTextConcurrencyPerHost > options.FullTextConcurrency)
        {
            problems.Add($"Acquire:FullTextConcurrencyPerHost ({options.FullTextConcurrencyPerHost}) cannot exceed Acquire:FullTextConcurrency ({options.FullTextConcurrency}).");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static bool IsEmailAddress(string text) => new EmailAddressAttribute().IsValid(text.Trim()) && !text.Contains(' ', StringComparison.Ordinal);
}
