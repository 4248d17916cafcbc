using Microsoft.EntityFrameworkCore;

namespace PtmReuse.Core.Analytics.Projection;

/// <summary>A stage's outcome as the figures count it. Unknown (a failed decision) is kept apart from No.</summary>
public enum LabelValue : byte
{
    NotRun = 0,
    No = 1,
    Yes = 2,
    Unknown = 3,
}

/// <summary>
/// Which labels a projection row was filled from: the effective labels, the machine's alone, or one run's machine
/// decisions (a positive scope is that run's id).
/// </summary>
public static class ProjectionScope
{
    public const long Effective = 0;
    public const long MachineOnly = -1;

    public static long For(AnalyticsQuery query) =>
        query.Filter.RunId is { } runId ? runId : query.Rules.Basis == LabelBasis.MachineOnly ? MachineOnly : Effective;
}

/// <summary>
/// One paper × field membership × scope, with the labels that count: the analytics read model. Every paper has
/// exactly one <see cref="IsPrimary"/> row per scope (field "" when it has none); <see cref="Weight"/> is 1/k for a
/// paper in k fields. Aggregations GROUP BY over these rows and never load papers.
/// </summary>
public sealed class PaperLabel
{
    public long Scope { get; set; }
    public long PaperId { get; set; }
    public string Field { get; set; } = "";
    public bool IsPrimary { get; set; }
    public double Weight { get; set; } = 1;
    public int? Year { get; set; }
    public string? Journal { get; set; }
    public LabelValue UsesDl { get; set; }
    public LabelValue UsesPtms { get; set; }
    /// <summary>The machine decision behind each stage (also for a human label: the decision it reviews).</summary>
    public long? UsesDlDecisionId { get; set; }
    public long? UsesPtmsDecisionId { get; set; }
    /// <summary>Every machine answer counted for the paper has its evidence found in the text (human labels count as grounded).</summary>
    public bool Grounded { get; set; }
    /// <summary>The lowest confidence among the machine answers counted; null when none reports one.</summary>
    public double? Confidence { get; set; }
    /// <summary>A reviewer has labelled the paper.</summary>
    public bool Reviewed { get; set; }
}

/// <summary>One paper × canonical model × field membership × scope, for papers whose uses_ptms label is yes.</summary>
public sealed class PaperModelLabel
{
    public long Id { get; set; }
    public long Scope { get; set; }
    public long PaperId { get; set; }
    public string Field { get; set; } = "";
    public bool IsPrimary { get; set; }
    public double Weight { get; set; } = 1;
    public int? Year { get; set; }
    public string? Journal { get; set; }
    /// <summary>Canonical name through the PTM catalog, else the name as written.</summary>
    public string Model { get; set; } = "";
    /// <summary>Wire name (conceptual, adaptation, deployment) of the model's first reuse label, or null.</summary>
    public string? Pattern { get; set; }
    /// <summary>Step name (Observation ... Conclusion) of the model's first impact label, or null.</summary>
    public string? Step { get; set; }
    /// <summary>The paper's first model row (per field) with this pattern: counting these counts papers per pattern without DISTINCT.</summary>
    public bool PatternFirst { get; set; }
    /// <summary>The paper's first model row (per field) with this step.</summary>
    public bool StepFirst { get; set; }
    public long? IdentifyDecisionId { get; set; }
    public long? ReuseDecisionId { get; set; }
    public long? ImpactDecisionId { get; set; }
    public bool Grounded { get; set; }
    public double? Confidence { get; set; }
    public bool Reviewed { get; set; }
}

/// <summary>
/// What a paper's projected rows were computed from: a signature of its metadata, decisions and human labels. A row
/// whose signature no longer matches its sources (a listener skipped by a crash) is stale and gets rebuilt.
/// </summary>
public sealed class AnalyticsPaperState
{
    public long PaperId { get; set; }
    public string Signature { get; set; } = "";
}

/// <summary>Per scope: the projection version and catalog it was built with (and, for a run scope, its decisions' signature).</summary>
public sealed class AnalyticsScopeState
{
    public long Scope { get; set; }
    public string Signature { get; set; } = "";
    public DateTime BuiltAt { get; set; }
}

/// <summary>
/// Pre-aggregated counts of <see cref="PaperLabel"/> rows by every filter and grouping column (null year stored as
/// -1, null journal as ""): the charts' common queries sum a few thousand of these instead of scanning every paper.
/// Kept in step with the rows (subtract before a paper's rows are replaced, add after) in the same transaction.
/// </summary>
public sealed class PaperLabelCount
{
    public long Scope { get; set; }
    public bool IsPrimary { get; set; }
    public int Year { get; set; }
    public string Field { get; set; } = "";
    public string Journal { get; set; } = "";
    public LabelValue UsesDl { get; set; }
    public LabelValue UsesPtms { get; set; }
    public bool Grounded { get; set; }
    public bool Reviewed { get; set; }
    public long Items { get; set; }
    public double WeightSum { get; set; }
}

/// <summary>
/// Pre-aggregated counts of <see cref="PaperModelLabel"/> rows for the paper × model charts, in long form: every row is
/// counted once under each of three dimensions (<see cref="ModelCountDimension"/>: its model, its pattern, its step) by
/// the filter columns the charts use (null year stored as -1; a missing pattern or step as ""). One wide key of model ×
/// pattern × step × journal would leave almost every row its own count (the models' long tail), so the table holds
/// only what the charts group by; a query on other columns (journals, confidence, reviewed) reads the rows instead.
/// Kept in step with the rows exactly as <see cref="PaperLabelCount"/> is, in the same transaction.
/// </summary>
public sealed class ModelLabelCount
{
    public long Scope { get; set; }
    /// <summary>Which column <see cref="Value"/> holds: <see cref="ModelCountDimension"/>.</summary>
    public string Dimension { get; set; } = "";
    public bool IsPrimary { get; set; }
    public int Year { get; set; }
    public string Field { get; set; } = "";
    public bool Grounded { get; set; }
    /// <summary>The model name, pattern or step ("" for a missing pattern or step).</summary>
    public string Value { get; set; } = "";
    /// <summary>PatternFirst or StepFirst of the rows counted (false under the model dimension).</summary>
    public bool IsFirst { get; set; }
    public long Items { get; set; }
    public double WeightSum { get; set; }
}

/// <summary>The dimensions of <see cref="ModelLabelCount"/>: the <see cref="PaperModelLabel"/> column each counts by.</summary>
public static class ModelCountDimension
{
    public const string Model = nameof(PaperModelLabel.Model);
    public const string Pattern = nameof(PaperModelLabel.Pattern);
    public const string Step = nameof(PaperModelLabel.Step);

    public static readonly IReadOnlyList<string> All = [Model, Pattern, Step];

    /// <summary>The row flag stored in <see cref="ModelLabelCount.IsFirst"/> under each dimension.</summary>
    public static string? FirstFlag(string dimension) => dimension switch
    {
        Pattern => nameof(PaperModelLabel.PatternFirst),
        Step => nameof(PaperModelLabel.StepFirst),
        _ => null,
    };
}

/// <summary>EF mapping of the projection tables (raw SQL in the analytics queries uses these table names).</summary>
public static class ProjectionModel
{
    public const string PaperLabelTable = "AnalyticsPaperLabel";
    public const string ModelLabelTable = "AnalyticsModelLabel";
    public const string PaperStateTable = "AnalyticsPaperState";
    public const string ScopeStateTable = "AnalyticsScopeState";
    public const string PaperCountTable = "AnalyticsPaperCount";
    public const string ModelCountTable = "AnalyticsModelCount";

    /// <summary>The dimension columns of <see cref="PaperLabelCount"/>, in key order.</summary>
    public static readonly IReadOnlyList<string> PaperCountKey = ["Scope", "IsPrimary", "Year", "Field", "Journal", "UsesDl", "UsesPtms", "Grounded", "Reviewed"];

    /// <summary>The dimension columns of <see cref="ModelLabelCount"/>, in key order.</summary>
    public static readonly IReadOnlyList<string> ModelCountKey = ["Scope", "Dimension", "IsPrimary", "Year", "Field", "Grounded", "Value", "IsFirst"];

    public static void Configure(ModelBuilder model)
    {
        model.Entity<PaperLabel>(label =>
        {
            label.ToTable(PaperLabelTable);
            label.HasKey(l => new { l.Scope, l.PaperId, l.Field });
            // Covering indexes for the GROUP BYs: scope and primary flag first, then the usual dimensions.
            label.HasIndex(l => new { l.Scope, l.IsPrimary, l.Year, l.Field, l.UsesDl, l.UsesPtms, l.Grounded, l.Reviewed, l.Weight })
                .HasDatabaseName("IX_AnalyticsPaperLabel_Counts");
            label.HasIndex(l => new { l.Scope, l.Field, l.Year });
            label.HasIndex(l => l.PaperId);
            label.HasOne<Papers.Paper>().WithMany().HasForeignKey(l => l.PaperId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<PaperModelLabel>(label =>
        {
            label.ToTable(ModelLabelTable);
            label.HasIndex(l => new { l.Scope, l.IsPrimary, l.Year, l.Field, l.Model, l.Pattern, l.Step, l.PatternFirst, l.StepFirst, l.Weight })
                .HasDatabaseName("IX_AnalyticsModelLabel_Counts");
            label.HasIndex(l => new { l.Scope, l.PaperId });
            label.HasIndex(l => l.PaperId);
            label.HasOne<Papers.Paper>().WithMany().HasForeignKey(l => l.PaperId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<PaperLabelCount>(count =>
        {
            count.ToTable(PaperCountTable);
            count.HasKey(c => new { c.Scope, c.IsPrimary, c.Year, c.Field, c.Journal, c.UsesDl, c.UsesPtms, c.Grounded, c.Reviewed });
        });
        model.Entity<ModelLabelCount>(count =>
        {
            count.ToTable(ModelCountTable);
            count.HasKey(c => new { c.Scope, c.Dimension, c.IsPrimary, c.Year, c.Field, c.Grounded, c.Value, c.IsFirst });
            // Covering, value then field first: a model's counts are found by seeking its name (the top models' series),
            // and the counts per model (and per model × field) are read in that order without a sort. The key serves
            // patterns and steps (few values).
            count.HasIndex(c => new { c.Scope, c.Dimension, c.Value, c.Field, c.IsPrimary, c.Year, c.Grounded, c.IsFirst, c.Items, c.WeightSum })
                .HasDatabaseName("IX_AnalyticsModelCount_Values");
        });
        model.Entity<AnalyticsPaperState>(state =>
        {
            state.ToTable(PaperStateTable);
            state.HasKey(s => s.PaperId);
            state.Property(s => s.PaperId).ValueGeneratedNever();
            state.HasOne<Papers.Paper>().WithMany().HasForeignKey(s => s.PaperId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<AnalyticsScopeState>(state =>
        {
            state.ToTable(ScopeStateTable);
            state.HasKey(s => s.Scope);
            state.Property(s => s.Scope).ValueGeneratedNever();
        });
    }
}
