namespace PtmReuse.Core.Fields;

/// <summary>
/// Short names of the 26 OpenAlex fields for narrow print figures (single column), abbreviated in the style of ISO 4
/// journal-title abbreviations, so a row or bar label fits on one line at 7 pt. Longer figures keep the full names.
/// </summary>
public static class FieldAbbreviations
{
    private static readonly Dictionary<string, string> Short = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Agricultural and Biological Sciences"] = "Agric. & Biol. Sci.",
        ["Arts and Humanities"] = "Arts & Humanit.",
        ["Biochemistry, Genetics and Molecular Biology"] = "Biochem., Genet. & Mol. Biol.",
        ["Business, Management and Accounting"] = "Bus., Manag. & Account.",
        ["Chemical Engineering"] = "Chem. Eng.",
        ["Computer Science"] = "Comput. Sci.",
        ["Decision Sciences"] = "Decis. Sci.",
        ["Earth and Planetary Sciences"] = "Earth & Planet. Sci.",
        ["Economics, Econometrics and Finance"] = "Econ., Econom. & Finance",
        ["Environmental Science"] = "Environ. Sci.",
        ["Health Professions"] = "Health Prof.",
        ["Immunology and Microbiology"] = "Immunol. & Microbiol.",
        ["Materials Science"] = "Mater. Sci.",
        ["Pharmacology, Toxicology and Pharmaceutics"] = "Pharmacol., Toxicol. & Pharm.",
        ["Physics and Astronomy"] = "Phys. & Astron.",
        ["Social Sciences"] = "Soc. Sci.",
    };

    /// <summary>The field's short name, or the name itself when it is short already (Medicine, Chemistry) or not a field.</summary>
    public static string For(string field) => Short.GetValueOrDefault(field.Trim(), field);
}
