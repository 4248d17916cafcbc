using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PtmReuse.Core.Classification;
using PtmReuse.Core.Classification.Catalog;
using PtmReuse.Core.Storage;

namespace PtmReuse.Tests.Classification.Catalog;

public sealed class PtmCatalogStoreTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ptm-catalog-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private PtmCatalogStore NewStore() => new(
        Options.Create(new CatalogOptions()),
        Options.Create(new StorageOptions { DatabasePath = Path.Combine(_directory, "papers.db") }),
        NullLogger<PtmCatalogStore>.Instance);

    [Fact]
    public async Task AddAlias_NewSpelling_CanonicalisesAndSurvivesRestart()
    {
        var store = NewStore();
        Assert.Null(store.Canonicalize("AF-two"));

        await store.AddAliasAsync("AlphaFold 2", "AF-two", CancellationToken.None);

        Assert.Equal("AlphaFold 2", store.Canonicalize("AF-two"));
        Assert.True(File.Exists(Path.Combine(_directory, "ptm-catalog.overrides.json")));
        Assert.Equal("AlphaFold 2", NewStore().Canonicalize("af two"));
    }

    [Fact]
    public async Task AddEntry_NewModel_ResolvesWithKindFamilyAndSurvivesRestart()
    {
        var store = NewStore();

        await store.ApplyAsync(new CatalogEdit(CatalogEditKind.AddEntry, "CalvingFrontNet", NewKind: PtmKind.Tool) { Family = "U-Net", Modality = "remote sensing", By = "reviewer" },
            CancellationToken.None);

        var entry = NewStore().Current.Resolve("calving front net");
        Assert.NotNull(entry);
        Assert.Equal(("CalvingFrontNet", PtmKind.Tool, "U-Net", "remote sensing"), (entry!.Canonical, entry.Kind, entry.Family, entry.Modality));
        Assert.Equal("added by reviewer", entry.Provenance?.Reference);
    }

    [Fact]
    public async Task AddEntry_NameAnotherModelCarries_FailsAndWritesNothing()
    {
        var store = NewStore();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            store.ApplyAsync(new CatalogEdit(CatalogEditKind.AddEntry, "resnet50"), CancellationToken.None));

        Assert.Contains("ResNet-50", error.Message, StringComparison.Ordinal);
        Assert.Empty(NewStore().Edits);
    }

    [Fact]
    public async Task Merge_TwoCanonicals_OldNamesCountAsTarget()
    {
        var store = NewStore();
        await store.MergeAsync("AlphaFold 3", "AlphaFold 2", CancellationToken.None);

        Assert.Equal("AlphaFold 2", store.Canonicalize("AF3 "));
        Assert.Equal("AlphaFold 2", store.Canonicalize("AlphaFold3"));
        Assert.Null(store.Current.Find("AlphaFold 3"));
    }

    [Fact]
    public async Task Split_MovedAliases_FormNewModelWithItsKind()
    {
        var store = NewStore();
        await store.SplitAsync("AlphaFold", "AlphaFold DB", ["AlphaFoldDB", "AlphaFold Protein Structure Database"], PtmKind.Framework, CancellationToken.None);

        Assert.Equal("AlphaFold DB", store.Canonicalize("AlphaFold Protein Structure Database"));
        Assert.Equal("AlphaFold DB", store.Canonicalize("alphafold db"));
        Assert.Equal("AlphaFold", store.Canonicalize("AlphaFold"));
        Assert.Equal(PtmKind.Framework, store.Current.Find("AlphaFold DB")!.Kind);
    }

    [Fact]
    public async Task AddAlias_UnknownModel_FailsAndWritesNothing()
    {
        var store = NewStore();
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.AddAliasAsync("NoSuchNet", "x", CancellationToken.None));
        Assert.False(File.Exists(store.OverridesPath));
    }

    [Fact]
    public async Task AddAlias_AliasOfAnotherModel_FailsAndKeepsCatalog()
    {
        var store = NewStore();
        await Assert.ThrowsAsync<InvalidDataException>(() => store.AddAliasAsync("AlphaFold 2", "ResNet50", CancellationToken.None));
        Assert.Equal("ResNet-50", store.Canonicalize("ResNet50"));
    }

    [Fact]
    public void Constructor_CorruptOverridesFile_FailsNamingTheFile()
    {
        File.WriteAllText(Path.Combine(_directory, "ptm-catalog.overrides.json"), "{ not json");
        var error = Assert.Throws<InvalidDataException>(NewStore);
        Assert.Contains("ptm-catalog.overrides.json", error.Message);
    }

    [Fact]
    public async Task Constructor_OldEditNamingAFormerCanonicalNowAnAlias_AppliesToTheEntryCarryingIt()
    {
        // An overrides file written against an older catalog: "ResNet50" was once a canonical name; now it is an alias.
        File.WriteAllText(Path.Combine(_directory, "ptm-catalog.overrides.json"),
            """{"format":"ptm-catalog-overrides","version":1,"edits":[{"kind":"AddAlias","canonical":"ResNet50","alias":"RN-fifty"}]}""");

        var store = NewStore();

        Assert.Equal("ResNet-50", store.Canonicalize("RN-fifty"));
        await store.AddAliasAsync("ResNet-50", "RN-50-x", CancellationToken.None);
        Assert.Equal("ResNet-50", NewStore().Canonicalize("RN-50-x"));
    }

    [Fact]
    public async Task Split_NewEntry_RecordsThatAUserEditMadeIt()
    {
        var store = NewStore();
        await store.SplitAsync("AlphaFold", "AlphaFold DB", ["AlphaFoldDB"], PtmKind.Framework, CancellationToken.None);

        var split = store.Current.Find("AlphaFold DB")!;
        Assert.Equal(CatalogProvenance.Override, split.Provenance!.Source);
        Assert.Contains("AlphaFold", split.Provenance.Reference);
    }

    [Fact]
    public void Parse_Version1CatalogWithoutProvenance_StillReads()
    {
        const string json = """{"format":"ptm-catalog","version":1,"models":[{"id":1,"canonical":"AlexNet","aliases":[],"family":"AlexNet","modality":"vision","kind":"Architecture"}]}""";
        var file = CatalogFile.Parse(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json)), "old.json");
        Assert.Null(Assert.Single(file.Models).Provenance);
    }
}
