using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using PtmReuse.Core.Classification;
using PtmReuse.Core.Review;

namespace PtmReuse.Dashboard.Components.Review;

/// <summary>The queue's filter and order in the URL, so /review/{id} knows which queue "next" and "previous" walk.</summary>
public static class ReviewQueryString
{
    public static string Build(ReviewQueueFilter filter, ReviewOrder order)
    {
        var values = new Dictionary<string, string?>
        {
            ["order"] = order == ReviewOrder.MostUncertain ? null : order.ToString(),
            ["stage"] = filter.Stage?.WireName(),
            ["run"] = Num(filter.RunId),
            ["backend"] = filter.Backend,
            ["model"] = filter.Model,
            ["field"] = filter.Field,
            ["from"] = Num(filter.YearFrom),
            ["to"] = Num(filter.YearTo),
            ["flag"] = filter.Flag is { } flag ? (flag ? "yes" : "no") : null,
            ["pattern"] = filter.Pattern is { } pattern ? StageDefinitions.Pattern(pattern).WireName : null,
            ["step"] = filter.Step?.ToString(),
            ["ptm"] = filter.PtmModel,
            ["ungrounded"] = filter.UngroundedOnly ? "1" : null,
            ["compare"] = Num(filter.CompareRunId),
            ["reviewed"] = filter.Reviewed == ReviewedState.Any ? null : filter.Reviewed.ToString(),
            ["assigned"] = filter.AssignedToMe ? "1" : null,
            ["sample"] = Num(filter.SampleId),
        };
        return QueryHelpers.AddQueryString("", values.Where(p => !string.IsNullOrEmpty(p.Value)));
    }

    public static (ReviewQueueFilter Filter, ReviewOrder Order) Parse(string uri)
    {
        var query = QueryHelpers.ParseQuery(new Uri(uri).Query);
        string? Get(string key) => query.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value.ToString() : null;
        long? Long(string key) => long.TryParse(Get(key), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;
        int? Int(string key) => int.TryParse(Get(key), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;
        var filter = new ReviewQueueFilter(
            Stage: StageNames.TryParse(Get("stage"), out var stage) ? stage : null,
            RunId: Long("run"),
            Backend: Get("backend"),
            Model: Get("model"),
            Field: Get("field"),
            YearFrom: Int("from"),
            YearTo: Int("to"),
            Flag: Get("flag") switch { "yes" => true, "no" => false, _ => null },
            Pattern: StageDefinitions.Patterns.Select((c, i) => (c, i)).Where(x => x.c.WireName == Get("pattern")).Select(x => (ReusePattern?)x.i).FirstOrDefault(),
            Step: Enum.TryParse<ScienceStep>(Get("step"), out var step) ? step : null,
            PtmModel: Get("ptm"),
            UngroundedOnly: Get("ungrounded") == "1",
            CompareRunId: Long("compare"),
            Reviewed: Enum.TryParse<ReviewedState>(Get("reviewed"), out var reviewed) ? reviewed : ReviewedState.Any,
            AssignedToMe: Get("assigned") == "1",
            SampleId: Long("sample"));
        var order = Enum.TryParse<ReviewOrder>(Get("order"), out var parsed) ? parsed : filter.SampleId is null ? ReviewOrder.MostUncertain : ReviewOrder.Sample;
        return (filter, order);
    }

    private static string? Num(long? value) => value?.ToString(CultureInfo.InvariantCulture);
}
