namespace PtmReuse.Core.Acquire;

/// <summary>Which licences count as open for fetching full text: Creative Commons (any variant) and public domain.</summary>
public static class Licences
{
    public static bool IsOpen(string? licence)
    {
        if (string.IsNullOrWhiteSpace(licence))
        {
            return false;
        }

        var text = licence.Trim().ToLowerInvariant().Replace('_', ' ').Replace('-', ' ');
        return text.StartsWith("cc", StringComparison.Ordinal) && !text.StartsWith("cc no", StringComparison.Ordinal)
            || text.Contains("creativecommons.org", StringComparison.Ordinal)
            || text.Contains("creative commons", StringComparison.Ordinal)
            || text.Contains("public domain", StringComparison.Ordinal)
            || text == "pd";
    }
}
