using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using PtmReuse.Core.Coordination;
using PtmReuse.Core.Analytics.Projection;
using PtmReuse.Core.Classification;
using PtmReuse.Core.Ingest;
using PtmReuse.Core.Papers;
using PtmReuse.Core.Review;
using PtmReuse.Core.Review.Accounts;

namespace PtmReuse.Core.Storage;

/// <summary>
/// Papers, classification, review, (through Identity) the reviewers' accounts and roles, the Data Protection keys that
/// sign their cookies, and the leases that share background work between instances: one SQLite file or one
/// PostgreSQL database.
/// </summary>
public sealed class PtmReuseDbContext(DbContextOptions<PtmReuseDbContext> options) : IdentityDbContext<ReviewerAccount>(options), IDataProtectionKeyContext
{
    public DbSet<Paper> Papers => Set<Paper>();
    public DbSet<PaperSection> Sections => Set<PaperSection>();
    public DbSet<PaperCaption> Captions => Set<PaperCaption>();
    public DbSet<PaperSource> Sources => Set<PaperSource>();
    public DbSet<IngestBatch> IngestBatches => Set<IngestBatch>();
    public DbSet<IngestError> IngestErrors => Set<IngestError>();
    public DbSet<ClassificationRun> Runs => Set<ClassificationRun>();
    public DbSet<MachineDecision> Decisions => Set<MachineDecision>();
    public DbSet<HumanLabel> HumanLabels => Set<HumanLabel>();
    public DbSet<ValidationSample> ValidationSamples => Set<ValidationSample>();
    public DbSet<ValidationSampleItem> ValidationSampleItems => Set<ValidationSampleItem>();
    public DbSet<PaperLabel> AnalyticsPaperLabels => Set<PaperLabel>();
    public DbSet<PaperModelLabel> AnalyticsModelLabels => Set<PaperModelLabel>();
    public DbSet<AnalyticsPaperState> AnalyticsPaperStates => Set<AnalyticsPaperState>();
    public DbSet<PaperLabelCount> AnalyticsPaperCounts => Set<PaperLabelCount>();
    public DbSet<ModelLabelCount> AnalyticsModelCounts => Set<ModelLabelCount>();
    public DbSet<AnalyticsScopeState> AnalyticsScopeStates => Set<AnalyticsScopeState>();
    public DbSet<ReviewAssignment> ReviewAssignments => Set<ReviewAssignment>();
    public DbSet<ReviewerSettings> ReviewerSettings => Set<ReviewerSettings>();
    public DbSet<Acquire.Harvest> Harvests => Set<Acquire.Harvest>();
    public DbSet<Acquire.FullTextFile> FullTextFiles => Set<Acquire.FullTextFile>();
    public DbSet<Classification.Catalog.ModelProposalVerdict> ModelProposalVerdicts => Set<Classification.Catalog.ModelProposalVerdict>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<WorkLease> WorkLeases => Set<WorkLease>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        base.OnModelCreating(model);
        // The three roles exist in every migrated database (fixed ids and stamps keep the migration stable).
        model.Entity<IdentityRole>().HasData(ReviewerRoles.All.Select(role => new IdentityRole(role)
        {
            Id = "role-" + role,
            NormalizedName = role.ToUpperInvariant(),
            ConcurrencyStamp = "role-" + role,
        }));

        model.Entity<Paper>(paper =>
        {
            paper.HasIndex(p => p.Doi).IsUnique();
            paper.HasIndex(p => p.ContentHash);
            paper.HasIndex(p => p.Year);
            paper.HasIndex(p => p.PrimaryField);
            paper.HasIndex(p => p.Journal);
            paper.HasIndex(p => p.Title);
            paper.HasIndex(p => p.UpdatedAt); // the analytics projection's staleness check reads it per paper
            paper.OwnsMany(p => p.Topics, topics => topics.ToJson());
            paper.HasMany(p => p.Sections).WithOne().HasForeignKey(s => s.PaperId).OnDelete(DeleteBehavior.Cascade);
            paper.HasMany(p => p.Captions).WithOne().HasForeignKey(c => c.PaperId).OnDelete(DeleteBehavior.Cascade);
            paper.HasMany(p => p.Sources).WithOne().HasForeignKey(s => s.PaperId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<PaperSection>().HasIndex(s => new { s.PaperId, s.Ordinal });
        model.Entity<PaperCaption>().HasIndex(c => new { c.PaperId, c.Ordinal });
        model.Entity<PaperSource>().HasIndex(s => s.ContentHash);

        model.Entity<IngestError>().HasIndex(e => e.BatchId);

        // Acquire: harvests by status (start-up marks Running ones Interrupted); one full-text outcome per paper.
        model.Entity<Acquire.Harvest>().HasIndex(h => h.Status);
        model.Entity<Acquire.FullTextFile>(file =>
        {
            file.HasIndex(f => f.PaperId).IsUnique();
            file.HasIndex(f => f.Status);
            file.HasOne<Paper>().WithMany().HasForeignKey(f => f.PaperId).OnDelete(DeleteBehavior.Cascade);
        });

        model.Entity<MachineDecision>(decision =>
        {
            decision.HasIndex(d => d.DecisionKey).IsUnique();
            decision.HasIndex(d => new { d.RunId, d.PaperId, d.Stage });
            decision.HasIndex(d => new { d.PaperId, d.Stage });
            decision.HasIndex(d => new { d.RunId, d.ErrorKind });
            decision.HasIndex(d => new { d.PaperId, d.ErrorKind }); // covers the analytics projection's per-paper signature
            // The review queue's "most uncertain first" order, with and without a stage filter, and the stale rows to score.
            decision.HasIndex(d => new { d.UncertaintyScore, d.Id }).IsDescending(true, false);
            decision.HasIndex(d => new { d.Stage, d.UncertaintyScore, d.Id }).IsDescending(false, true, false);
            // The queue's "by paper" order (PaperId, then Id) without a sort.
            decision.HasIndex(d => new { d.PaperId, d.Id });
            decision.HasIndex(d => d.PaperId).HasFilter("\"UncertaintyScore\" IS NULL").HasDatabaseName("IX_Decisions_Unscored");
            decision.HasOne<ClassificationRun>().WithMany().HasForeignKey(d => d.RunId).OnDelete(DeleteBehavior.Cascade);
            decision.HasOne<Paper>().WithMany().HasForeignKey(d => d.PaperId).OnDelete(DeleteBehavior.Cascade);
        });

        model.Entity<HumanLabel>(label =>
        {
            label.HasIndex(l => new { l.PaperId, l.Stage });
            label.HasIndex(l => l.Reviewer);
            label.Property(l => l.Version).IsConcurrencyToken();
            label.Property(l => l.Action).HasConversion<string>().HasMaxLength(16).HasDefaultValue(LabelAction.Correct).HasSentinel((LabelAction)(-1));
            label.HasIndex(l => l.DecisionId);
            label.HasOne<Paper>().WithMany().HasForeignKey(l => l.PaperId).OnDelete(DeleteBehavior.Cascade);
        });

        model.Entity<ReviewAssignment>(assignment =>
        {
            assignment.HasIndex(a => new { a.Reviewer, a.DecisionId }).IsUnique();
            assignment.HasIndex(a => new { a.PaperId, a.Stage });
            assignment.HasIndex(a => a.DecisionId);
            assignment.HasOne<MachineDecision>().WithMany().HasForeignKey(a => a.DecisionId).OnDelete(DeleteBehavior.Cascade);
        });

        model.Entity<ReviewerSettings>().HasKey(s => s.UserName);

        // Proposed-model verdicts are read by key (the latest one wins); the verdict is stored as text.
        model.Entity<Classification.Catalog.ModelProposalVerdict>(verdict =>
        {
            verdict.HasIndex(v => v.Key);
            verdict.Property(v => v.Verdict).HasConversion<string>().HasMaxLength(16);
        });

        model.Entity<ValidationSampleItem>(item =>
        {
            item.HasIndex(i => new { i.SampleId, i.Position }).IsUnique();
            item.HasIndex(i => i.DecisionId);
            item.HasOne<ValidationSample>().WithMany().HasForeignKey(i => i.SampleId).OnDelete(DeleteBehavior.Cascade);
            item.HasOne<MachineDecision>().WithMany().HasForeignKey(i => i.DecisionId).OnDelete(DeleteBehavior.Cascade);
        });

        model.Entity<WorkLease>(lease =>
        {
            lease.HasKey(l => l.Job);
            lease.Property(l => l.Job).HasMaxLength(200);
            lease.Property(l => l.Owner).HasMaxLength(200);
        });

        ProjectionModel.Configure(model);

        if (Database.ProviderName == PostgresProviderName)
        {
            StoreDatesAsUtc(model);
        }
    }

    internal const string PostgresProviderName = "Npgsql.EntityFrameworkCore.PostgreSQL";

    /// <summary>
    /// PostgreSQL's timestamptz takes only UTC DateTimes; dates made without a kind (or read back from SQLite by
    /// `db copy`) are UTC by this app's convention, so they are marked so on the way in, and read back as UTC.
    /// </summary>
    private static void StoreDatesAsUtc(ModelBuilder model)
    {
        var utc = new ValueConverter<DateTime, DateTime>(
            v => v.Kind == DateTimeKind.Utc ? v : v.Kind == DateTimeKind.Local ? v.ToUniversalTime() : DateTime.SpecifyKind(v, DateTimeKind.Utc),
            v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
        foreach (var property in model.Model.GetEntityTypes().SelectMany(e => e.GetProperties()))
        {
            if (property.ClrType == typeof(DateTime) || property.ClrType == typeof(DateTime?))
            {
                property.SetValueConverter(utc);
            }
        }
    }
}
