using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PtmReuse.Core.Classification;
using PtmReuse.Core.Review.Agreement;
using PtmReuse.Core.Storage;

namespace PtmReuse.Core.Review.Sampling;

/// <summary>How a validation sample is drawn.</summary>
public enum SampleDesign
{
    /// <summary>A simple random sample of the population.</summary>
    Uniform,

    /// <summary>Proportional allocation over strata (field × year × machine label, or a subset of those).</summary>
    Stratified,
}

/// <summary>The dimensions a stratified sample is split by.</summary>
[Flags]
public enum StratumDimensions
{
    None = 0,
    Field = 1,
    Year = 2,
    MachineLabel = 4,
    All = Field | Year | MachineLabel,
}

/// <summary>What to sample: a stage's machine decisions (optionally one run's), with a design, size and seed.</summary>
public sealed record ValidationSampleRequest(
    Stage Stage,
    SampleDesign Design,
    int Size,
    int Seed,
    string CreatedBy,
    long? RunId = null,
    StratumDimensions Dimensions = StratumDimensions.All,
    string? Name = null,
    double? TargetWidth = null,
    double? Confidence = null)
{
    /// <summary>The dimensions actually used: none for a uniform sample.</summary>
    public StratumDimensions EffectiveDimensions => Design == SampleDesign.Uniform ? StratumDimensions.None : Dimensions;
}

/// <summary>One stratum of the population (or of a drawn sample).</summary>
public sealed record StratumCount(string Stratum, long Population, int Sampled);

/// <summary>The population a request would sample: its size and strata, before anything is drawn.</summary>
public sealed record SamplePopulation(long PopulationSize, IReadOnlyList<StratumCount> Strata)
{
    /// <summary>The smallest sample that gives every non-empty stratum one item.</summary>
    public int MinimumSize => Strata.Count(s => s.Population > 0);
}

/// <summary>A recorded sample with its review progress.</summary>
public sealed record ValidationSampleSummary(ValidationSample Sample, int Items, int Reviewed);

/// <summary>The design settings stored in <see cref="ValidationSample.SettingsJson"/>, for the report.</summary>
/// <param name="MachinePositive">How many decisions of the population the machine labelled yes (or with some models) when
/// the sample was drawn: the observed share the Rogan–Gladen correction starts from.</param>
public sealed record ValidationSampleSettings(
    string StratifyBy, int RequestedSize, double? TargetWidth, double? Confidence, IReadOnlyList<StratumCount> Strata, long? MachinePositive = null)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static ValidationSampleSettings? Read(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<ValidationSampleSettings>(json, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>
/// Draws, records and lists validation samples. A draw is reproducible: the same seed over the same population gives
/// the same items in the same order. Population rows stream from SQLite ordered by decision id and each stratum keeps a
/// reservoir (Vitter's algorithm R) fed by one <see cref="Random"/> seeded with the sample's seed, so memory holds only
/// the sample, whatever the population size. The review order is a seeded shuffle of the drawn items, so a partly
/// reviewed sample is still a random subset.
/// </summary>
public sealed partial class ValidationSampler(IDbContextFactory<PtmReuseDbContext> dbFactory, ILogger<ValidationSampler> logger)
{
    /// <summary>The population and strata a request would draw from.</summary>
    public async Task<SamplePopulation> DescribePopulationAsync(
        Stage stage, long? runId, SampleDesign design, StratumDimensions dimensions, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var strata = await CountStrataAsync(db, stage, runId, design == SampleDesign.Uniform ? StratumDimensions.None : dimensions, cancellationToken);
        return new SamplePopulation(strata.Sum(s => s.Population), strata);
    }

    /// <summary>Draws and stores a sample. Throws when the population is empty or the size cannot cover every stratum.</summary>
    public async Task<ValidationSample> CreateAsync(ValidationSampleRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfLessThan(request.Size, 1, nameof(request));
        var dimensions = request.EffectiveDimensions;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var strata = await CountStrataAsync(db, request.Stage, request.RunId, dimensions, cancellationToken);
        var population = strata.Sum(s => s.Population);
        if (population == 0)
        {
            throw new InvalidOperationException(
                $"There are no successful {request.Stage.WireName()} decisions{(request.RunId is { } run ? $" in run {run}" : "")} to sample.");
        }

        var allocation = SampleSizeCalculator.Allocate(strata.Select(s => s.Population).ToList(), request.Size);
        var random = new Random(request.Seed);
        var (drawn, machinePositive) = await DrawAsync(db, request, dimensions, strata, allocation, random, cancellationToken);

        // Review order: a seeded Fisher–Yates shuffle of the draw (sorted first so the order depends only on the seed).
        drawn.Sort((a, b) => a.DecisionId.CompareTo(b.DecisionId));
        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(drawn));

        var strataWithSample = strata.Select((s, i) => s with { Sampled = allocation[i] }).ToList();
        var settings = new ValidationSampleSettings(
            DescribeDimensions(dimensions), request.Size, request.TargetWidth, request.Confidence, strataWithSample, machinePositive);
        var sample = new ValidationSample
        {
            Name = string.IsNullOrWhiteSpace(request.Name)
                ? $"{request.Stage.WireName()} {request.Design.ToString().ToLowerInvariant()} n={drawn.Count} seed={request.Seed}"
                : request.Name.Trim(),
            Stage = request.Stage.WireName(),
            Design = request.Design == SampleDesign.Uniform ? "uniform" : "stratified",
            Seed = request.Seed,
            RunId = request.RunId,
            SettingsJson = JsonSerializer.Serialize(settings, ValidationSampleSettings.Json),
            PopulationSize = checked((int)population),
            CreatedBy = request.CreatedBy,
            CreatedAt = DateTime.UtcNow,
        };
        var weightByStratum = strataWithSample.ToDictionary(s => s.Stratum, s => s.Sampled == 0 ? 0 : (double)s.Population / s.Sampled);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.ValidationSamples.Add(sample);
        await db.SaveChangesAsync(cancellationToken);
        db.ValidationSampleItems.AddRange(drawn.Select((item, position) => new ValidationSampleItem
        {
            SampleId = sample.Id,
            DecisionId = item.DecisionId,
            Position = position,
            Stratum = item.Stratum,
            Weight = weightByStratum[item.Stratum],
        }));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogCreated(sample.Id, sample.Stage, sample.Design, drawn.Count, population, strata.Count, request.Seed);
        return sample;
    }

    /// <summary>Samples, newest first, with how many of their items have a (non-retired) human label for the stage.</summary>
    public async Task<IReadOnlyList<ValidationSampleSummary>> ListAsync(Stage? stage, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var samples = db.ValidationSamples.AsNoTracking();
        if (stage is { } only)
        {
            var wire = only.WireName();
            samples = samples.Where(s => s.Stage == wire);
        }

        var counting = db.HumanLabels.Where(CountingLabels.Predicate);
        var rows = await samples
            .OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id)
            .Select(s => new
            {
                Sample = s,
                Items = db.ValidationSampleItems.Count(i => i.SampleId == s.Id),
                Reviewed = db.ValidationSampleItems
                    .Where(i => i.SampleId == s.Id)
                    .Join(db.Decisions, i => i.DecisionId, d => d.Id, (i, d) => d)
                    .Count(d => counting.Any(l => l.PaperId == d.PaperId && l.Stage == s.Stage)),
            })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new ValidationSampleSummary(r.Sample, r.Items, r.Reviewed)).ToList();
    }

    private static async Task<List<StratumCount>> CountStrataAsync(
        PtmReuseDbContext db, Stage stage, long? runId, StratumDimensions dimensions, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        var sql = SqlDialect.For(db.Database);
        await using var command = DecisionPopulation.Command(
            db.Database.GetDbConnection(), stage, runId, $"{DecisionPopulation.StratumSql(sql, stage, dimensions)} AS stratum, COUNT(*)",
            "GROUP BY stratum");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var strata = new List<StratumCount>();
        while (await reader.ReadAsync(cancellationToken))
        {
            strata.Add(new StratumCount(reader.GetString(0), reader.GetInt64(1), 0));
        }

        // Ordinal order, the same on both providers (PostgreSQL's text order follows its locale).
        strata.Sort((a, b) => string.CompareOrdinal(a.Stratum, b.Stratum));
        return strata;
    }

    /// <summary>Streams the population once: fills the reservoirs and counts the machine-positive decisions on the way.</summary>
    private static async Task<(List<DrawnItem> Drawn, long MachinePositive)> DrawAsync(
        PtmReuseDbContext db, ValidationSampleRequest request, StratumDimensions dimensions, List<StratumCount> strata,
        IReadOnlyList<int> allocation, Random random, CancellationToken cancellationToken)
    {
        var index = strata.Select((s, i) => (s.Stratum, i)).ToDictionary(x => x.Stratum, x => x.i, StringComparer.Ordinal);
        var reservoirs = allocation.Select(n => new List<long>(n)).ToArray();
        var seen = new long[strata.Count];
        var sql = SqlDialect.For(db.Database);
        await using var command = DecisionPopulation.Command(
            db.Database.GetDbConnection(), request.Stage, request.RunId,
            $"d.\"Id\", {DecisionPopulation.StratumSql(sql, request.Stage, dimensions)}, {DecisionPopulation.MachinePositiveSql(sql, request.Stage)}",
            "ORDER BY d.\"Id\"");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        long machinePositive = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            // An int in PostgreSQL, a 64-bit integer in SQLite.
            machinePositive += Convert.ToInt64(reader.GetValue(2), System.Globalization.CultureInfo.InvariantCulture);
            var h = index[reader.GetString(1)];
            var capacity = allocation[h];
            var position = seen[h]++;
            if (position < capacity)
            {
                reservoirs[h].Add(reader.GetInt64(0));
            }
            else if (capacity > 0)
            {
                var slot = random.NextInt64(position + 1);
                if (slot < capacity)
                {
                    reservoirs[h][(int)slot] = reader.GetInt64(0);
                }
            }
        }

        return (reservoirs.SelectMany((ids, h) => ids.Select(id => new DrawnItem(id, strata[h].Stratum))).ToList(), machinePositive);
    }

    private static string DescribeDimensions(StratumDimensions dimensions) => dimensions == StratumDimensions.None
        ? "none"
        : string.Join(" × ", new[] { (StratumDimensions.Field, "field"), (StratumDimensions.Year, "year"), (StratumDimensions.MachineLabel, "machine label") }
            .Where(d => dimensions.HasFlag(d.Item1)).Select(d => d.Item2));

    private readonly record struct DrawnItem(long DecisionId, string Stratum);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Created validation sample {SampleId} of {Stage} ({Design}): {Items} of {Population} decisions in {Strata} strata, seed {Seed}")]
    private partial void LogCreated(long sampleId, string stage, string design, int items, long population, int strata, int seed);
}
