namespace PtmReuse.Core.Fields;

public sealed record OpenAlexDomain(int Id, string Name);

public sealed record OpenAlexField(int Id, string Name, OpenAlexDomain Domain);

/// <summary>
/// OpenAlex's top two levels as reference data: 4 domains and 26 fields (ids as in https://openalex.org/fields/{id}).
/// The fields are the Scopus ASJC subject areas OpenAlex adopted; the list is stable, so it lives in code.
/// </summary>
public static class OpenAlexTaxonomy
{
    public static readonly OpenAlexDomain LifeSciences = new(1, "Life Sciences");
    public static readonly OpenAlexDomain SocialSciences = new(2, "Social Sciences");
    public static readonly OpenAlexDomain PhysicalSciences = new(3, "Physical Sciences");
    public static readonly OpenAlexDomain HealthSciences = new(4, "Health Sciences");

    public static IReadOnlyList<OpenAlexDomain> Domains { get; } = [LifeSciences, SocialSciences, PhysicalSciences, HealthSciences];

    public static IReadOnlyList<OpenAlexField> Fields { get; } =
    [
        new(11, FieldNames.AgriculturalAndBiologicalSciences, LifeSciences),
        new(12, "Arts and Humanities", SocialSciences),
        new(13, FieldNames.BiochemistryGeneticsMolecularBiology, LifeSciences),
        new(14, "Business, Management and Accounting", SocialSciences),
        new(15, "Chemical Engineering", PhysicalSciences),
        new(16, FieldNames.Chemistry, PhysicalSciences),
        new(17, FieldNames.ComputerScience, PhysicalSciences),
        new(18, "Decision Sciences", SocialSciences),
        new(19, FieldNames.EarthAndPlanetarySciences, PhysicalSciences),
        new(20, "Economics, Econometrics and Finance", SocialSciences),
        new(21, "Energy", PhysicalSciences),
        new(22, FieldNames.Engineering, PhysicalSciences),
        new(23, FieldNames.EnvironmentalScience, PhysicalSciences),
        new(24, FieldNames.ImmunologyAndMicrobiology, LifeSciences),
        new(25, "Materials Science", PhysicalSciences),
        new(26, "Mathematics", PhysicalSciences),
        new(27, FieldNames.Medicine, HealthSciences),
        new(28, FieldNames.Neuroscience, LifeSciences),
        new(29, "Nursing", HealthSciences),
        new(30, "Pharmacology, Toxicology and Pharmaceutics", LifeSciences),
        new(31, FieldNames.PhysicsAndAstronomy, PhysicalSciences),
        new(32, "Psychology", SocialSciences),
        new(33, "Social Sciences", SocialSciences),
        new(34, "Veterinary", HealthSciences),
        new(35, "Dentistry", HealthSciences),
        new(36, "Health Professions", HealthSciences),
    ];

    private static readonly Dictionary<string, OpenAlexField> ByName = Fields.ToDictionary(f => f.Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>The field with this name (case-insensitive), or null when OpenAlex has no such field.</summary>
    public static OpenAlexField? FindField(string? name) =>
        name is not null && ByName.TryGetValue(name.Trim(), out var field) ? field : null;
}

/// <summary>Field names used in code (the natural-science filter and the inference rules).</summary>
public static class FieldNames
{
    public const string AgriculturalAndBiologicalSciences = "Agricultural and Biological Sciences";
    public const string BiochemistryGeneticsMolecularBiology = "Biochemistry, Genetics and Molecular Biology";
    public const string Chemistry = "Chemistry";
    public const string ComputerScience = "Computer Science";
    public const string EarthAndPlanetarySciences = "Earth and Planetary Sciences";
    public const string Engineering = "Engineering";
    public const string EnvironmentalScience = "Environmental Science";
    public const string ImmunologyAndMicrobiology = "Immunology and Microbiology";
    public const string Medicine = "Medicine";
    public const string Neuroscience = "Neuroscience";
    public const string PhysicsAndAstronomy = "Physics and Astronomy";
}
