namespace PtmReuse.Core.Review;

/// <summary>
/// A recorded validation sample: a random draw of machine decisions for an unbiased accuracy estimate.
/// The design and seed are kept so the draw can be reproduced and reported.
/// </summary>
public sealed class ValidationSample
{
    public long Id { get; set; }
    public string Name { get; set; } = "";
    public string Stage { get; set; } = "";
    /// <summary>"uniform" or "stratified" (field × year × machine label).</summary>
    public string Design { get; set; } = "uniform";
    public int Seed { get; set; }
    /// <summary>The run whose decisions were sampled, when the sample is tied to one.</summary>
    public long? RunId { get; set; }
    /// <summary>The filter and stratification settings as JSON, for the report.</summary>
    public string SettingsJson { get; set; } = "{}";
    public int PopulationSize { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}

/// <summary>One sampled decision, in review order, with its stratum and design weight (population / sample in the stratum).</summary>
public sealed class ValidationSampleItem
{
    public long Id { get; set; }
    public long SampleId { get; set; }
    public long DecisionId { get; set; }
    public int Position { get; set; }
    public string Stratum { get; set; } = "";
    public double Weight { get; set; } = 1;
}
