using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PtmReuse.Core.Acquire;

namespace PtmReuse.Tests.Acquire;

/// <summary>How a fixture work's full text can be had.</summary>
public enum FullTextRoute
{
    /// <summary>No source has it (every lookup 404s or comes back empty).</summary>
    None,

    /// <summary>PLOS's article-file URL serves the JATS.</summary>
    Plos,

    /// <summary>Europe PMC's DOI search finds an open-access PMCID whose fullTextXML serves the JATS.</summary>
    EuropePmc,

    /// <summary>bioRxiv's details API links the JATS (jatsxml).</summary>
    Biorxiv,

    /// <summary>Only OpenAlex's best_oa_location.pdf_url, serving a PDF.</summary>
    Pdf,

    /// <summary>PLOS's URL answers 200 with an HTML page, not JATS.</summary>
    PlosHtml,
}

/// <summary>A work the fixture OpenAlex knows, and what the full-text services hold for it.</summary>
public sealed record FixtureWork(string OpenAlexId, string Doi, string Title, int Year, string? Licence, int FieldId, string FieldName, FullTextRoute Route = FullTextRoute.None, byte[]? FullText = null)
{
    public string PmcId => "PMC" + (9_000_000 + int.Parse(OpenAlexId[1..], CultureInfo.InvariantCulture) % 1_000_000).ToString(CultureInfo.InvariantCulture);
}

/// <summary>A scripted failure for the next request whose path starts with a prefix.</summary>
public sealed record Fault(int Status = 200, int? RetryAfterSeconds = null, bool TruncateBody = false)
{
    public static Fault TooManyRequests(int retryAfterSeconds) => new(429, retryAfterSeconds);

    public static Fault ServerError => new(500);

    public static Fault Truncated => new(TruncateBody: true);
}

/// <summary>
/// A real HTTP server on 127.0.0.1 replaying OpenAlex (/openalex: /works with cursor paging and meta.count/next_cursor,
/// /works/doi:…, /sources), PLOS (/plos/{journal}/article/file?id=…&amp;type=manuscript), Europe PMC (/europepmc: /search
/// and /{PMCID}/fullTextXML) and bioRxiv (/biorxiv/details/{server}/{doi}/na/json, files under /content) as their
/// documentation shapes them, with scripted 429 (Retry-After), 5xx and truncated bodies. Every request is recorded.
/// </summary>
public sealed class AcquireFixtureServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(string Prefix, Fault Fault)> _faults = new();
    private readonly ConcurrentQueue<string> _requests = new();

    private AcquireFixtureServer(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    /// <summary>
    /// The same server on a second loopback address (127.0.0.2) for OpenAlex: the client limits requests per host, and
    /// the real OpenAlex is not on the full-text services' host, so its rate limit must not slow them here either.
    /// </summary>
    public string OpenAlexHostUrl { get; private set; } = "";

    /// <summary>What the fixture OpenAlex returns, in order (tests may add works between harvests).</summary>
    public List<FixtureWork> Works { get; } = [];

    /// <summary>Called with each request's path and query before it is answered (e.g. to cancel a harvest at page N).</summary>
    public Action<string>? OnRequest { get; set; }

    /// <summary>Added before each /works page of more than one work (not a count request), so a browser can watch it.</summary>
    public TimeSpan WorksPageDelay { get; set; }

    public IReadOnlyList<string> Requests => _requests.ToList();

    public int CountRequests(string prefix) => _requests.Count(r => r.StartsWith(prefix, StringComparison.Ordinal));

    /// <summary>Settings that point every Acquire base URL here, with fast retries for tests.</summary>
    /// <remarks>Without <paramref name="dataFolder"/>, files go to "acquire" beside the test's database (deleted with it).</remarks>
    public Dictionary<string, string?> Settings(string? dataFolder = null) => new()
    {
        ["Acquire:OpenAlexBaseUrl"] = OpenAlexHostUrl + "/openalex",
        ["Acquire:PlosBaseUrl"] = BaseUrl + "/plos",
        ["Acquire:EuropePmcBaseUrl"] = BaseUrl + "/europepmc/webservices/rest",
        ["Acquire:BiorxivBaseUrl"] = BaseUrl + "/biorxiv",
        ["Acquire:Mailto"] = "tests@example.org",
        ["Acquire:RetryBaseDelay"] = "00:00:00.050",
        ["Acquire:OpenAlexRequestsPerSecond"] = "10",
        ["Acquire:DataFolder"] = dataFolder ?? "",
    };

    public void Fail(string pathPrefix, params Fault[] faults)
    {
        foreach (var fault in faults)
        {
            _faults.Enqueue((pathPrefix, fault));
        }
    }

    public static async Task<AcquireFixtureServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0", "http://127.0.0.2:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new AcquireFixtureServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Select(a => a.TrimEnd('/')).ToList();
        server.BaseUrl = addresses.Single(a => a.StartsWith("http://127.0.0.1:", StringComparison.Ordinal));
        server.OpenAlexHostUrl = addresses.Single(a => a.StartsWith("http://127.0.0.2:", StringComparison.Ordinal));
        return server;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        var pathAndQuery = path + context.Request.QueryString.Value;
        _requests.Enqueue(pathAndQuery);
        OnRequest?.Invoke(pathAndQuery);
        Fault? fault = null;
        if (_faults.TryPeek(out var next) && path.StartsWith(next.Prefix, StringComparison.Ordinal) && _faults.TryDequeue(out next))
        {
            fault = next.Fault;
        }

        if (fault is { Status: not 200 })
        {
            context.Response.StatusCode = fault.Status;
            if (fault.RetryAfterSeconds is { } seconds)
            {
                context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            }

            await context.Response.WriteAsync($"scripted {fault.Status}");
            return;
        }

        if (WorksPageDelay > TimeSpan.Zero && path == "/openalex/works" && (string?)context.Request.Query["per-page"] != "1")
        {
            await Task.Delay(WorksPageDelay, context.RequestAborted);
        }

        var (status, contentType, body) = Answer(path, context.Request.Query);
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        if (fault is { TruncateBody: true } && body.Length > 10)
        {
            // Promise the whole body, send half, then drop the connection: what a reset mid-download looks like.
            context.Response.ContentLength = body.Length;
            await context.Response.Body.WriteAsync(body.AsMemory(0, body.Length / 2));
            await context.Response.Body.FlushAsync();
            context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
            context.Abort();
            return;
        }

        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body);
    }

    private (int Status, string ContentType, byte[] Body) Answer(string path, IQueryCollection query)
    {
        const string json = "application/json";
        if (path == "/openalex/works")
        {
            return (200, json, Json(WorksPage(query)));
        }

        if (path.StartsWith("/openalex/works/doi:", StringComparison.Ordinal))
        {
            var doi = Uri.UnescapeDataString(path["/openalex/works/doi:".Length..]);
            var work = Find(doi);
            return work is null ? (404, json, Json(new JsonObject { ["error"] = "NotFoundError" })) : (200, json, Json(WorkJson(work)));
        }

        if (path == "/openalex/sources")
        {
            var name = (string?)query["search"] ?? "";
            var results = new JsonArray();
            if (name.Contains("PLOS", StringComparison.OrdinalIgnoreCase))
            {
                results.Add(new JsonObject { ["id"] = "https://openalex.org/S202381698", ["display_name"] = "PLOS ONE", ["issn_l"] = "1932-6203" });
            }

            return (200, json, Json(new JsonObject { ["meta"] = new JsonObject { ["count"] = results.Count }, ["results"] = results }));
        }

        if (path.StartsWith("/plos/", StringComparison.Ordinal) && path.EndsWith("/article/file", StringComparison.Ordinal))
        {
            var work = Find((string?)query["id"] ?? "");
            return work?.Route switch
            {
                FullTextRoute.Plos => (200, "application/xml", work.FullText!),
                FullTextRoute.PlosHtml => (200, "text/html", Encoding.UTF8.GetBytes("<!DOCTYPE html><html><head><title>Article not found</title></head><body>Sorry</body></html>")),
                _ => (404, "text/html", Encoding.UTF8.GetBytes("<html><body>Not Found</body></html>")),
            };
        }

        if (path == "/europepmc/webservices/rest/search")
        {
            var text = (string?)query["query"] ?? "";
            var doi = text.StartsWith("DOI:\"", StringComparison.Ordinal) ? text[5..^1] : text;
            var work = Find(doi);
            var results = new JsonArray();
            if (work is { Route: FullTextRoute.EuropePmc })
            {
                results.Add(new JsonObject
                {
                    ["id"] = work.PmcId, ["source"] = "PMC", ["pmcid"] = work.PmcId, ["doi"] = work.Doi, ["title"] = work.Title,
                    ["isOpenAccess"] = "Y", ["inEPMC"] = "Y", ["hasPDF"] = "Y", ["license"] = work.Licence is null ? null : "cc by",
                });
            }

            return (200, json, Json(new JsonObject
            {
                ["version"] = "6.9",
                ["hitCount"] = results.Count,
                ["request"] = new JsonObject { ["queryString"] = text, ["resultType"] = "core" },
                ["resultList"] = new JsonObject { ["result"] = results },
            }));
        }

        if (path.StartsWith("/europepmc/webservices/rest/PMC", StringComparison.Ordinal) && path.EndsWith("/fullTextXML", StringComparison.Ordinal))
        {
            var pmcid = path.Split('/')[^2];
            var work = Works.FirstOrDefault(w => w.Route == FullTextRoute.EuropePmc && w.PmcId == pmcid);
            return work is null ? (404, "text/plain", Encoding.UTF8.GetBytes("")) : (200, "application/xml", work.FullText!);
        }

        if (path.StartsWith("/biorxiv/details/", StringComparison.Ordinal))
        {
            // /biorxiv/details/{server}/{doi prefix}/{doi suffix}/na/json
            var parts = path.Split('/');
            var server = parts[3];
            var doi = string.Join('/', parts[4..^2]);
            var work = Find(doi);
            var collection = new JsonArray();
            if (work is { Route: FullTextRoute.Biorxiv } && server == "biorxiv")
            {
                collection.Add(new JsonObject
                {
                    ["doi"] = work.Doi, ["title"] = work.Title, ["version"] = "1", ["type"] = "new results", ["license"] = "cc_by",
                    ["date"] = $"{work.Year}-01-15", ["category"] = "bioinformatics", ["server"] = "biorxiv",
                    ["jatsxml"] = $"{BaseUrl}/content/{Uri.EscapeDataString(work.Doi)}.source.xml",
                });
            }

            var messages = new JsonArray(new JsonObject { ["status"] = collection.Count > 0 ? "ok" : "no posts found" });
            return (200, json, Json(new JsonObject { ["messages"] = messages, ["collection"] = collection }));
        }

        if (path.StartsWith("/content/", StringComparison.Ordinal))
        {
            var name = Uri.UnescapeDataString(path["/content/".Length..]);
            var work = Works.FirstOrDefault(w => name == w.Doi + ".source.xml" || name == w.OpenAlexId + ".pdf");
            return work?.FullText is null ? (404, "text/plain", []) : (200, name.EndsWith(".pdf", StringComparison.Ordinal) ? "application/pdf" : "application/xml", work.FullText);
        }

        return (404, "text/plain", Encoding.UTF8.GetBytes("no such fixture route: " + path));
    }

    private FixtureWork? Find(string doi)
    {
        var bare = doi.Replace("https://doi.org/", "", StringComparison.OrdinalIgnoreCase);
        return Works.FirstOrDefault(w => string.Equals(w.Doi, bare, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>A /works list page: cursor "*" starts, next_cursor is an opaque offset token, null after the last page.</summary>
    private JsonObject WorksPage(IQueryCollection query)
    {
        var perPage = int.TryParse(query["per-page"], out var size) ? Math.Clamp(size, 1, 200) : 25;
        var cursor = (string?)query["cursor"];
        var offset = cursor is null or "*" ? 0 : int.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(cursor)).Split(':')[1], CultureInfo.InvariantCulture);
        var works = Works.ToList();
        var page = works.Skip(offset).Take(perPage).ToList();
        var end = offset + page.Count;
        var nextCursor = page.Count == 0 ? null : Convert.ToBase64String(Encoding.UTF8.GetBytes("o:" + end.ToString(CultureInfo.InvariantCulture)));
        return new JsonObject
        {
            ["meta"] = new JsonObject
            {
                ["count"] = works.Count, ["db_response_time_ms"] = 12, ["page"] = null, ["per_page"] = perPage,
                ["next_cursor"] = nextCursor, ["groups_count"] = null,
            },
            ["results"] = new JsonArray(page.Select(w => (JsonNode)WorkJson(w)).ToArray()),
            ["group_by"] = new JsonArray(),
        };
    }

    private JsonObject WorkJson(FixtureWork work) => WorkJson(work, BaseUrl);

    /// <summary>A work as OpenAlex's /works documents it (the fields PtmReuse reads, and a few it does not).</summary>
    public static JsonObject WorkJson(FixtureWork work, string baseUrl)
    {
        var source = new JsonObject
        {
            ["id"] = "https://openalex.org/S202381698", ["display_name"] = work.Doi.StartsWith("10.1371/", StringComparison.Ordinal) ? "PLOS ONE" : "Fixture Journal",
            ["issn_l"] = "1932-6203", ["host_organization_name"] = "Public Library of Science", ["type"] = "journal",
        };
        var topic = new JsonObject
        {
            ["id"] = "https://openalex.org/T10001", ["display_name"] = "Fixture topic", ["score"] = 0.99,
            ["subfield"] = new JsonObject { ["id"] = "https://openalex.org/subfields/1312", ["display_name"] = "Molecular Biology" },
            ["field"] = new JsonObject { ["id"] = $"https://openalex.org/fields/{work.FieldId}", ["display_name"] = work.FieldName },
            ["domain"] = new JsonObject { ["id"] = "https://openalex.org/domains/1", ["display_name"] = "Life Sciences" },
        };
        JsonObject Location(bool best) => new()
        {
            ["is_oa"] = work.Licence is not null,
            ["landing_page_url"] = "https://doi.org/" + work.Doi,
            ["pdf_url"] = best && work.Route == FullTextRoute.Pdf ? $"{baseUrl}/content/{work.OpenAlexId}.pdf" : null,
            ["source"] = source.DeepClone(),
            ["license"] = work.Licence,
            ["version"] = "publishedVersion",
        };
        return new JsonObject
        {
            ["id"] = "https://openalex.org/" + work.OpenAlexId,
            ["doi"] = "https://doi.org/" + work.Doi,
            ["title"] = work.Title,
            ["display_name"] = work.Title,
            ["publication_year"] = work.Year,
            ["publication_date"] = $"{work.Year}-03-01",
            ["type"] = "article",
            ["ids"] = new JsonObject { ["openalex"] = "https://openalex.org/" + work.OpenAlexId, ["doi"] = "https://doi.org/" + work.Doi },
            ["primary_location"] = Location(false),
            ["best_oa_location"] = work.Licence is null ? null : Location(true),
            ["open_access"] = new JsonObject { ["is_oa"] = work.Licence is not null, ["oa_status"] = work.Licence is null ? "closed" : "gold" },
            ["authorships"] = new JsonArray(new JsonObject
            {
                ["author_position"] = "first",
                ["author"] = new JsonObject { ["id"] = "https://openalex.org/A5000000001", ["display_name"] = "Ada Fixture" },
                ["raw_author_name"] = "Ada Fixture",
            }),
            ["primary_topic"] = topic,
            ["topics"] = new JsonArray(topic.DeepClone()),
            ["abstract_inverted_index"] = new JsonObject { ["An"] = new JsonArray(0), ["abstract."] = new JsonArray(1) },
            ["cited_by_count"] = 3,
        };
    }

    private static byte[] Json(JsonNode node) => Encoding.UTF8.GetBytes(node.ToJsonString());

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
