using Microsoft.Extensions.Options;

namespace PtmReuse.Core.Fields;

/// <summary>Bound from the "Fields" configuration section.</summary>
public sealed class FieldOptions
{
    public const string Section = "Fields";

    /// <summary>The study's natural-science filter (8 OpenAlex fields): what views and runs keep by default.</summary>
    public static IReadOnlyList<string> DefaultNaturalScienceFields { get; } =
    [
        FieldNames.AgriculturalAndBiologicalSciences,
        FieldNames.BiochemistryGeneticsMolecularBiology,
        FieldNames.Chemistry,
        FieldNames.EarthAndPlanetarySciences,
        FieldNames.EnvironmentalScience,
        FieldNames.ImmunologyAndMicrobiology,
        FieldNames.Neuroscience,
        FieldNames.PhysicsAndAstronomy,
    ];

    /// <summary>
    /// Configured replacement for the default filter. Null or empty means the default; a list replaces it whole
    /// (kept separate from the default because configuration binding appends to a pre-filled list).
    /// </summary>
    public List<string>? NaturalScience { get; set; }

    /// <summary>The filter in effect.</summary>
    public IReadOnlyList<string> NaturalScienceFields =>
        NaturalScience is { Count: > 0 } configured ? configured : DefaultNaturalScienceFields;

    public bool IsNaturalScience(string? field) =>
        field is not null && NaturalScienceFields.Contains(field, StringComparer.OrdinalIgnoreCase);
}

/// <summary>Every configured filter entry must be one of OpenAlex's 26 field names.</summary>
public sealed class FieldOptionsValidator : IValidateOptions<FieldOptions>
{
    public ValidateOptionsResult Validate(string? name, FieldOptions options)
    {
        var unknown = options.NaturalScienceFields.Where(f => OpenAlexTaxonomy.FindField(f) is null).ToList();
        return unknown.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Fields:NaturalScience has names that are not OpenAlex fields: {string.Join(", ", unknown)}.");
    }
}
