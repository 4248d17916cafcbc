using System.Globalization;
using PtmReuse.Core.Review.Agreement;

namespace PtmReuse.Dashboard.Components.Pages.Agreement;

/// <summary>How the Agreement page writes numbers: three decimals, "n/a" for undefined, intervals in brackets.</summary>
internal static class AgreementFormat
{
    public const string NotAvailable = "n/a";

    public static string Number(double? value) => value is { } v && double.IsFinite(v) ? v.ToString("0.000", CultureInfo.InvariantCulture) : NotAvailable;

    public static string Interval(ProportionInterval? interval) => interval is null
        ? NotAvailable
        : $"{Number(interval.Estimate)} [{Number(interval.Lower)}, {Number(interval.Upper)}]";

    public static string Percent(int part, int whole) =>
        whole == 0 ? "0%" : ((double)part / whole).ToString("0%", CultureInfo.InvariantCulture);
}
