using PtmReuse.Core.Papers;

namespace PtmReuse.Tests.Infrastructure;

/// <summary>
/// One dashboard server per test collection, seeded with <see cref="SeededPapers"/>. Tests that add data should use
/// titles of their own so they do not disturb the others' expectations.
/// </summary>
public sealed class DashboardServerFixture : IAsyncLifetime
{
    /// <summary>Number of filler papers beyond the named ones, enough for the grid to need a second page.</summary>
    public const int FillerPaperCount = 30;

    public DashboardServer Server { get; private set; } = default!;

    public long HeatShockPaperId { get; private set; }

    public static readonly string HeatShockTitle = "Evolution towards simplicity in bacterial small heat shock protein system";

    public static readonly string GlacierTitle = "Glacier retreat mapped with a pre-trained segmentation model";

    public async Task InitializeAsync()
    {
        Server = await DashboardServer.StartAsync(async factory =>
        {
            HeatShockPaperId = await new PaperBuilder(HeatShockTitle)
                .WithDoi("10.1101/2023.05.18.541272").InYear(2023).InJournal("bioRxiv").InField("Biochemistry, Genetics and Molecular Biology", inferred: true)
                .WithAuthors("Piotr Karaś", "Klaudia Kochanowicz")
                .WithSection("Abstract", SectionKind.Abstract, "Small heat shock proteins (sHsps) are **ATP-independent** chaperones.")
                .WithSection("Introduction", SectionKind.Introduction, "Protein aggregation is a hallmark of stress.")
                .WithSection("Methods", SectionKind.Methods, "Strains were grown in LB medium at 37 °C.")
                .WithCaption(CaptionKind.Figure, "Figure 1", "Phylogeny of sHsp systems.")
                .SaveAsync(factory);
            await new PaperBuilder(GlacierTitle)
                .WithDoi("10.5555/glacier.2021").InYear(2021).InJournal("Earth Letters").InField("Earth and Planetary Sciences")
                .WithSection("Results", SectionKind.Results, "The glacier front retreated 2 km.")
                .SaveAsync(factory);
            for (var i = 0; i < FillerPaperCount; i++)
            {
                await new PaperBuilder($"Filler study number {i:D2}")
                    .WithDoi($"10.5555/filler.{i:D2}").InYear(2010 + (i % 5)).InJournal("PLOS ONE").InField("Neuroscience")
                    .WithSection("Introduction", SectionKind.Introduction, "Filler text.")
                    .SaveAsync(factory);
            }
        });
    }

    public async Task DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
    }
}

/// <summary>Page tests share one browser and one seeded server; xunit runs this collection's tests one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<BrowserFixture>, ICollectionFixture<DashboardServerFixture>
{
    public const string Name = "Dashboard in a browser";
}
