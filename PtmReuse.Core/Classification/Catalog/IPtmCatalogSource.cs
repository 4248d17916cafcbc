namespace PtmReuse.Core.Classification.Catalog;

/// <summary>The current catalog (shipped file plus user overrides); replaced whenever the catalog is edited.</summary>
public interface IPtmCatalogSource
{
    PtmCatalog Current { get; }
}
