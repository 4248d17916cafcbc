using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using PtmReuse.Core.Classification;
using PtmReuse.Core.Classification.Runs;
using PtmReuse.Core.Review;
using PtmReuse.Core.Review.Agreement;
using PtmReuse.Core.Review.Sampling;

namespace PtmReuse.Dashboard.Components.Pages.Agreement;

/// <summary>
/// The admin form that sizes and draws a validation sample. The size calculator asks the sampler for the population
/// (and its strata) and applies <see cref="SampleSizeCalculator.ForProportion"/> with the finite-population correction.
/// Creating re-checks the admin policy on the server: the form being hidden is not the guard.
/// </summary>
public sealed partial class CreateSampleForm
{
    private IReadOnlyList<ClassificationRun> _runs = [];
    private SampleDesign _design = SampleDesign.Stratified;
    private bool _byField = true;
    private bool _byYear = true;
    private bool _byLabel = true;
    private long? _runId;
    private double _width = 0.10;
    private double _confidence = 0.95;
    private double _expected = 0.5;
    private int _seed = Random.Shared.Next(1, 1_000_000);
    private int? _size;
    private string? _name;
    private string? _suggestion;
    private string? _message;
    private bool _failed;
    private bool _busy;

    [Parameter, EditorRequired]
    public Stage Stage { get; set; }

    /// <summary>Told the new sample's id after it is stored.</summary>
    [Parameter]
    public EventCallback<long> Created { get; set; }

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    [Inject]
    private ValidationSampler Sampler { get; set; } = default!;

    [Inject]
    private ClassificationRunner Runner { get; set; } = default!;

    [Inject]
    private IAuthorizationService Authorization { get; set; } = default!;

    private StratumDimensions Dimensions =>
        (_byField ? StratumDimensions.Field : StratumDimensions.None)
        | (_byYear ? StratumDimensions.Year : StratumDimensions.None)
        | (_byLabel ? StratumDimensions.MachineLabel : StratumDimensions.None);

    protected override async Task OnInitializedAsync() => _runs = await Runner.ListRunsAsync(50, ComponentToken);

    private async Task SuggestAsync()
    {
        _busy = true;
        try
        {
            var population = await Sampler.DescribePopulationAsync(Stage, _runId, _design, Dimensions, ComponentToken);
            if (population.PopulationSize == 0)
            {
                (_suggestion, _size) = ("There are no successful decisions of this stage to sample.", null);
                return;
            }

            var forWidth = SampleSizeCalculator.ForProportion(_width, _confidence, _expected, population.PopulationSize);
            _size = Math.Max(forWidth, _design == SampleDesign.Stratified ? population.MinimumSize : 1);
            var strata = _design == SampleDesign.Stratified ? $" in {population.Strata.Count} strata" : "";
            var floor = _size > forWidth ? $" (raised from {forWidth} so every stratum gets an item)" : "";
            _suggestion = string.Create(CultureInfo.InvariantCulture,
                $"Population {population.PopulationSize} decisions{strata}. For a {_confidence:0.##%} interval at most {_width:0.###} wide "
                + $"(p = {_expected:0.##}): n = {_size}{floor}.");
            _failed = false;
        }
        catch (ArgumentOutOfRangeException e)
        {
            (_suggestion, _size) = (e.Message, null);
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task CreateAsync()
    {
        if (_size is not { } size)
        {
            return;
        }

        _busy = true;
        try
        {
            var user = AuthenticationState is null ? null : (await AuthenticationState).User;
            if (user is null || !(await Authorization.AuthorizeAsync(user, ReviewPolicies.CanAdminister)).Succeeded)
            {
                (_message, _failed) = ("Only an admin can create validation samples.", true);
                return;
            }

            var sample = await Sampler.CreateAsync(
                new ValidationSampleRequest(Stage, _design, size, _seed, user.Identity?.Name ?? "", _runId, Dimensions, _name, _width, _confidence),
                ComponentToken);
            (_message, _failed) = ($"Created \"{sample.Name}\" ({sample.Design}, seed {sample.Seed}).", false);
            await Created.InvokeAsync(sample.Id);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            (_message, _failed) = (e.Message, true);
        }
        finally
        {
            _busy = false;
        }
    }
}
