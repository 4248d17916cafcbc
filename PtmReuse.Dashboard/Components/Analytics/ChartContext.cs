using PtmReuse.Core.Analytics;
using PtmReuse.Core.Analytics.Figures;

namespace PtmReuse.Dashboard.Components.Analytics;

/// <summary>What a chart card hands its action slot: the figure shown and the query it was computed for.</summary>
public sealed record ChartContext(Figure Figure, AnalyticsQuery Query);
