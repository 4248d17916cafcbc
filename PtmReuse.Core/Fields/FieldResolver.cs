using PtmReuse.Core.Papers;

namespace PtmReuse.Core.Fields;

/// <summary>
/// A paper's primary field. From OpenAlex topics when the paper has them (the primary topic: highest score, first on
/// ties, as OpenAlex orders them), otherwise inferred from publisher subject terms and then the journal through the
/// rules below (documented in docs/field-mapping.md) and marked inferred.
/// </summary>
public static class FieldResolver
{
    public static (string? Field, bool Inferred) Resolve(Paper paper)
    {
        var primary = paper.Topics
            .Select((topic, index) => (topic, index))
            .Where(t => OpenAlexTaxonomy.FindField(t.topic.Field) is not null)
            .OrderByDescending(t => t.topic.Score)
            .ThenBy(t => t.index)
            .Select(t => t.topic)
            .FirstOrDefault();
        if (primary is not null)
        {
            return (OpenAlexTaxonomy.FindField(primary.Field)!.Name, false);
        }

        var inferred = FromSubjects(paper.Subjects.Concat(paper.Keywords)) ?? FromJournal(paper.Journal);
        return (inferred, inferred is not null);
    }

    public static void Apply(Paper paper) => (paper.PrimaryField, paper.FieldInferred) = Resolve(paper);

    /// <summary>Each subject votes for the field of its first matching rule; the most votes win, earliest subject on ties.</summary>
    public static string? FromSubjects(IEnumerable<string> subjects)
    {
        var votes = new Dictionary<string, (int Count, int First)>();
        var position = 0;
        foreach (var subject in subjects)
        {
            var field = FieldForTerm(subject);
            if (field is not null)
            {
                votes[field] = votes.TryGetValue(field, out var v) ? (v.Count + 1, v.First) : (1, position);
            }

            position++;
        }

        return votes.Count == 0 ? null : votes.OrderByDescending(v => v.Value.Count).ThenBy(v => v.Value.First).First().Key;
    }

    public static string? FieldForTerm(string term)
    {
        var t = term.Trim().ToLowerInvariant();
        if (OpenAlexTaxonomy.FindField(t) is { } exact)
        {
            return exact.Name;
        }

        foreach (var (fragment, field) in SubjectRules)
        {
            if (t.Contains(fragment, StringComparison.Ordinal))
            {
                return field;
            }
        }

        return null;
    }

    public static string? FromJournal(string? journal)
    {
        if (string.IsNullOrWhiteSpace(journal))
        {
            return null;
        }

        var j = journal.ToLowerInvariant();
        foreach (var (fragment, field) in JournalRules)
        {
            if (j.Contains(fragment, StringComparison.Ordinal))
            {
                return field;
            }
        }

        return null;
    }

    /// <summary>Ordered: the first fragment contained in a lower-cased subject term decides. Specific before general.</summary>
    public static readonly IReadOnlyList<(string Fragment, string Field)> SubjectRules =
    [
        ("neuro", FieldNames.Neuroscience),
        ("brain", FieldNames.Neuroscience),
        ("animal behavior and cognition", FieldNames.Neuroscience),
        ("immun", FieldNames.ImmunologyAndMicrobiology),
        ("microbio", FieldNames.ImmunologyAndMicrobiology),
        ("virolog", FieldNames.ImmunologyAndMicrobiology),
        ("viruses", FieldNames.ImmunologyAndMicrobiology),
        ("bacteri", FieldNames.ImmunologyAndMicrobiology),
        ("parasit", FieldNames.ImmunologyAndMicrobiology),
        ("mycolog", FieldNames.ImmunologyAndMicrobiology),
        ("pathogen", FieldNames.ImmunologyAndMicrobiology),
        ("pharmacolog", "Pharmacology, Toxicology and Pharmaceutics"),
        ("toxicolog", "Pharmacology, Toxicology and Pharmaceutics"),
        ("biochem", FieldNames.BiochemistryGeneticsMolecularBiology),
        ("genetic", FieldNames.BiochemistryGeneticsMolecularBiology),
        ("genom", FieldNames.BiochemistryGeneticsMolecularBiology),
        ("molecular", FieldNames.BiochemistryGeneticsMolecularBiology),
        ("cell biology", FieldNames.BiochemistryGeneticsMolecularBiology),
        ("developmental biology", FieldNames.BiochemistryGeneticsMolecularBiology),
        ("bioinformatic", FieldNames.BiochemistryGeneticsMolecularBiology),
        ("computational biology", FieldNames.BiochemistryGeneticsMolecularBiology),
        ("systems biology", FieldNames.BiochemistryGeneticsMolecularBiology),
        ("synthetic biology", FieldNames.BiochemistryGeneticsMolecularBiology),
        ("structural biology", FieldNames.BiochemistryGeneticsMolecularBiology),
        ("biophysic", FieldNames.BiochemistryGeneticsMolecularBiology),
        ("cancer biology", FieldNames.BiochemistryGeneticsMolecularBiology),
        ("physiology", FieldNames.BiochemistryGeneticsMolecularBiology),
        ("gene expression", FieldNames.BiochemistryGeneticsMolecularBiology),
        ("protein", FieldNames.BiochemistryGeneticsMolecularBiology),
        ("ecolog", FieldNames.AgriculturalAndBiologicalSciences),
        ("evolution", FieldNames.AgriculturalAndBiologicalSciences),
        ("plant", FieldNames.AgriculturalAndBiologicalSciences),
        ("botany", FieldNames.AgriculturalAndBiologicalSciences),
        ("zoolog", FieldNames.AgriculturalAndBiologicalSciences),
        ("entomolog", FieldNames.AgriculturalAndBiologicalSciences),
        ("agricult", FieldNames.AgriculturalAndBiologicalSciences),
        ("marine biology", FieldNames.AgriculturalAndBiologicalSciences),
        ("paleontolog", FieldNames.AgriculturalAndBiologicalSciences),
        ("animal", FieldNames.AgriculturalAndBiologicalSciences),
        ("biodiversity", FieldNames.AgriculturalAndBiologicalSciences),
        ("chemi", FieldNames.Chemistry),
        ("geolog", FieldNames.EarthAndPlanetarySciences),
        ("geophys", FieldNames.EarthAndPlanetarySciences),
        ("earth science", FieldNames.EarthAndPlanetarySciences),
        ("oceanograph", FieldNames.EarthAndPlanetarySciences),
        ("atmospher", FieldNames.EarthAndPlanetarySciences),
        ("planetary", FieldNames.EarthAndPlanetarySciences),
        ("environment", FieldNames.EnvironmentalScience),
        ("climate", FieldNames.EnvironmentalScience),
        ("conservation", FieldNames.EnvironmentalScience),
        ("pollution", FieldNames.EnvironmentalScience),
        ("physics", FieldNames.PhysicsAndAstronomy),
        ("astronom", FieldNames.PhysicsAndAstronomy),
        ("astrophys", FieldNames.PhysicsAndAstronomy),
        ("bioengineering", FieldNames.Engineering),
        ("engineering", FieldNames.Engineering),
        ("epidemiolog", FieldNames.Medicine),
        ("medic", FieldNames.Medicine),
        ("clinical", FieldNames.Medicine),
        ("public health", FieldNames.Medicine),
        ("infectious", FieldNames.Medicine),
        ("oncolog", FieldNames.Medicine),
        ("patholog", FieldNames.Medicine),
        ("psychiatr", FieldNames.Medicine),
        ("health", FieldNames.Medicine),
        ("hematolog", FieldNames.Medicine),
        ("rehabilitation", FieldNames.Medicine),
        ("computer", FieldNames.ComputerScience),
        ("machine learning", FieldNames.ComputerScience),
        ("artificial intelligence", FieldNames.ComputerScience),
        ("software", FieldNames.ComputerScience),
        ("mathemat", "Mathematics"),
        ("statistic", "Mathematics"),
        ("psycholog", "Psychology"),
        ("veterinar", "Veterinary"),
        ("science policy", "Social Sciences"),
        ("sociolog", "Social Sciences"),
        ("scientific communication", "Social Sciences"),
        ("economic", "Economics, Econometrics and Finance"),
        // Broad umbrella terms (PLOS's top-level taxonomy) count only when nothing specific matched earlier in the list.
        ("biology", FieldNames.AgriculturalAndBiologicalSciences),
    ];

    /// <summary>Journal fallback for papers without usable subject terms. Multidisciplinary venues (PLOS ONE, eLife, bioRxiv) map to nothing.</summary>
    public static readonly IReadOnlyList<(string Fragment, string Field)> JournalRules =
    [
        ("computational biology", FieldNames.BiochemistryGeneticsMolecularBiology),
        ("comput biol", FieldNames.BiochemistryGeneticsMolecularBiology),
        ("genetics", FieldNames.BiochemistryGeneticsMolecularBiology),
        ("genet", FieldNames.BiochemistryGeneticsMolecularBiology),
        ("pathogens", FieldNames.ImmunologyAndMicrobiology),
        ("pathog", FieldNames.ImmunologyAndMicrobiology),
        ("neglected tropical", FieldNames.ImmunologyAndMicrobiology),
        ("negl trop", FieldNames.ImmunologyAndMicrobiology),
        ("plos medicine", FieldNames.Medicine),
        ("plos med", FieldNames.Medicine),
        ("medrxiv", FieldNames.Medicine),
        ("plos biology", FieldNames.BiochemistryGeneticsMolecularBiology),
        ("plos biol", FieldNames.BiochemistryGeneticsMolecularBiology),
        ("journal of open source software", FieldNames.ComputerScience),
        // Oncology journals (Oncotarget, Oncogene, ...), as the "oncolog" subject rule.
        ("onco", FieldNames.Medicine),
    ];
}
