using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.JSInterop;
using MudBlazor;
using PtmReuse.Core.Classification;
using PtmReuse.Core.Review;

namespace PtmReuse.Dashboard.Components.Review;

/// <summary>
/// One machine decision beside its paper: the decision, stage definition and guideline, label actions, history, and the
/// paper text with the evidence marked. Every action has a shortcut (per-reviewer map); keys typed in fields are ignored.
/// </summary>
public sealed partial class ReviewPanel : IAsyncDisposable
{
    /// <summary>Keys the choice digits use: 1–3 set the selected model's pattern, 1–6 its step.</summary>
    private static readonly string[] ChoiceKeys = ["1", "2", "3", "4", "5", "6"];
    private static readonly HashSet<string> TypingTags = new(["INPUT", "TEXTAREA", "SELECT"], StringComparer.OrdinalIgnoreCase);

    private readonly CancellationTokenSource _disposed = new();
    private ReviewView? _view;
    private bool _loading = true;
    private long _loadedFor = -1;
    private string _reviewer = "";
    private bool _canLabel;
    private string? _message;
    private Severity _messageSeverity = Severity.Info;
    private List<EditRow> _rows = [];
    private int _selected;
    private string _note = "";
    private bool _helpOpen;
    private IReadOnlyDictionary<ReviewShortcut, string> _shortcuts = ReviewerSettingsStore.Defaults;
    private Dictionary<ReviewShortcut, string> _shortcutDraft = [];
    private DotNetObjectReference<ReviewPanel>? _self;
    private IJSObjectReference? _module;
    private IJSObjectReference? _handle;
    private string? _scrollTo;

    [Parameter, EditorRequired] public long DecisionId { get; set; }

    [Parameter] public ReviewQueueFilter Filter { get; set; } = ReviewQueueFilter.All;

    [Parameter] public ReviewOrder Order { get; set; } = ReviewOrder.MostUncertain;

    [CascadingParameter] private Task<AuthenticationState>? AuthenticationState { get; set; }

    [Inject] private ReviewViews Views { get; set; } = default!;

    [Inject] private LabellingService Labels { get; set; } = default!;

    [Inject] private ReviewQueue Queue { get; set; } = default!;

    [Inject] private ReviewerSettingsStore Settings { get; set; } = default!;

    [Inject] private IPtmCatalog Catalog { get; set; } = default!;

    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [Inject] private IJSRuntime JS { get; set; } = default!;

    [Inject] private Microsoft.AspNetCore.Authorization.IAuthorizationService Authorization { get; set; } = default!;

    /// <summary>A model row of the correction editor.</summary>
    internal sealed class EditRow
    {
        public string Model { get; set; } = "";
        public ReusePattern? Pattern { get; set; }
        public ScienceStep? Step { get; set; }
        public string Form { get; set; } = "";
        public Evidence? Evidence { get; set; }
        public bool Pending { get; set; }
    }

    public ReviewView? View => _view;

    /// <summary>Accept, flip and correct: for reviewers, on stages no earlier "no" has settled.</summary>
    private bool CanDecide => _canLabel && _view?.Labels.SettledBy is null;

    /// <summary>Why some actions are disabled, shown beside them (a disabled button shows no tooltip); null when none are.</summary>
    private string? ActionsBlockedReason =>
        !_canLabel ? (_reviewer.Length == 0 ? "Sign in as a reviewer to label: the actions are disabled." : "Your role can browse but not label: the actions are disabled.")
        : _view?.Labels.SettledBy is { } settled ? $"Settled by a cascade: this paper has {settled}, which settles this stage. Accept and correct are disabled; change that stage to label this one."
        : null;

    private static string? DescribedBy(bool enabled) => enabled ? null : "actions-blocked";

    /// <summary>A message to show on the item the panel is about to navigate to (undo returns to an earlier item).</summary>
    private (string Text, Severity Severity)? _carriedMessage;

    public string? Message => _message;

    protected override async Task OnParametersSetAsync()
    {
        if (_loadedFor == DecisionId)
        {
            return;
        }

        if (AuthenticationState is not null)
        {
            var user = (await AuthenticationState).User;
            _reviewer = user.Identity?.IsAuthenticated == true ? user.Identity.Name ?? "" : "";
            _canLabel = _reviewer.Length > 0 && (await Authorization.AuthorizeAsync(user, null, ReviewPolicies.CanLabel)).Succeeded;
        }

        if (_reviewer.Length > 0 && _loadedFor < 0)
        {
            _shortcuts = await Settings.ShortcutsAsync(_reviewer, _disposed.Token);
        }

        _loadedFor = DecisionId;
        _message = null;
        if (_carriedMessage is { } carried)
        {
            (_message, _messageSeverity, _carriedMessage) = (carried.Text, carried.Severity, null);
        }

        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _loading = true;
        _view = await Views.BuildAsync(DecisionId, _reviewer, _disposed.Token);
        _loading = false;
        ResetEditor();
        _scrollTo = _view?.Evidence.FirstOrDefault(e => e.Placed)?.AnchorId ?? _view?.Evidence.FirstOrDefault(e => e.ClosestAnchorId is not null)?.ClosestAnchorId;
    }

    private void ResetEditor()
    {
        _note = "";
        _selected = 0;
        var value = _view?.Labels.MyValue ?? _view?.Labels.Current ?? _view?.Decision.Answer;
        _rows = value switch
        {
            IdentifyPtmsAnswer identify => identify.Models.Select(m => new EditRow { Model = m.Canonical ?? m.Model, Evidence = m.Evidence }).ToList(),
            PtmReuseAnswer reuse => reuse.Items.Select(i => new EditRow { Model = i.Canonical ?? i.Model, Pattern = i.Pattern, Form = i.Form, Evidence = i.Evidence }).ToList(),
            PtmImpactAnswer impact => impact.Items.Select(i => new EditRow { Model = i.Canonical ?? i.Model, Step = i.Step, Evidence = i.Evidence }).ToList(),
            _ => [],
        };
        foreach (var model in _view?.Labels.PendingModels ?? [])
        {
            _rows.Add(new EditRow { Model = model, Pending = true });
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            _self = DotNetObjectReference.Create(this);
            _module = await JS.InvokeAsync<IJSObjectReference>("import", _disposed.Token, "./Components/Review/ReviewPanel.razor.js");
            _handle = await _module.InvokeAsync<IJSObjectReference>("attach", _disposed.Token, _self, BoundKeys());
        }

        if (_scrollTo is { } anchor && _module is not null)
        {
            _scrollTo = null;
            await _module.InvokeVoidAsync("scrollToAnchor", _disposed.Token, anchor);
        }
    }

    private string[] BoundKeys() => [.. _shortcuts.Values, .. ChoiceKeys];

    /// <summary>Called by the page's keydown listener (never for keys typed into a field; the tag is checked again here).</summary>
    [JSInvokable]
    public async Task OnShortcutAsync(string key, string targetTag)
    {
        if (TypingTags.Contains(targetTag) || _view is null)
        {
            return;
        }

        var shortcut = _shortcuts.Where(p => string.Equals(p.Value, key, StringComparison.Ordinal)).Select(p => (ReviewShortcut?)p.Key).FirstOrDefault();
        switch (shortcut)
        {
            case ReviewShortcut.Accept: await AcceptAsync(); break;
            case ReviewShortcut.Flip: await FlipAsync(); break;
            case ReviewShortcut.SaveCorrection: await SaveCorrectionAsync(); break;
            case ReviewShortcut.Note: await FocusAsync("review-note"); break;
            case ReviewShortcut.Skip: await SkipAsync(); break;
            case ReviewShortcut.Undo: await UndoAsync(); break;
            case ReviewShortcut.Next: await GoAsync(forward: true); break;
            case ReviewShortcut.Previous: await GoAsync(forward: false); break;
            case ReviewShortcut.NextItem: _selected = Math.Min(_selected + 1, Math.Max(0, _rows.Count - 1)); break;
            case ReviewShortcut.PreviousItem: _selected = Math.Max(_selected - 1, 0); break;
            case ReviewShortcut.Help: ToggleHelp(); break;
            case null when Array.IndexOf(ChoiceKeys, key) is var choice and >= 0: Choose(choice); break;
        }

        StateHasChanged();
    }

    private void Choose(int choice)
    {
        if (_selected >= _rows.Count || _view is null)
        {
            return;
        }

        if (_view.Decision.Stage == Stage.PtmReuse && choice < StageDefinitions.Patterns.Count)
        {
            _rows[_selected].Pattern = (ReusePattern)choice;
        }
        else if (_view.Decision.Stage == Stage.PtmImpact && choice < StageDefinitions.Steps.Count)
        {
            _rows[_selected].Step = (ScienceStep)choice;
        }
    }

    private Task AcceptAsync() => ActAsync(LabelAction.Accept, null, advance: true);

    private Task SkipAsync() => ActAsync(LabelAction.Skip, null, advance: true);

    private Task SaveNoteAsync() => string.IsNullOrWhiteSpace(_note) ? Task.CompletedTask : ActAsync(LabelAction.Note, null, advance: false);

    private async Task FlipAsync()
    {
        var current = _view?.Labels.MyValue ?? _view?.Labels.Current ?? _view?.Decision.Answer;
        StageAnswer? flipped = (_view?.Decision.Stage, current) switch
        {
            (Stage.UsesDl, FlagAnswer flag) => new UsesDlAnswer(!flag.Result, flag.Evidence),
            (Stage.UsesPtms, FlagAnswer flag) => new UsesPtmsAnswer(!flag.Result, flag.Evidence),
            (Stage.UsesDl, null) => new UsesDlAnswer(true, null),
            (Stage.UsesPtms, null) => new UsesPtmsAnswer(true, null),
            _ => null,
        };
        if (flipped is null)
        {
            Show("Flip applies to yes/no stages; edit the list and save the correction instead.", Severity.Info);
            return;
        }

        await ActAsync(LabelAction.Correct, flipped, advance: false);
    }

    private async Task SaveCorrectionAsync()
    {
        if (_view is null)
        {
            return;
        }

        var rows = _rows.Where(r => !string.IsNullOrWhiteSpace(r.Model)).ToList();
        var missing = _view.Decision.Stage switch
        {
            Stage.PtmReuse => rows.Where(r => r.Pattern is null).Select(r => r.Model).ToList(),
            Stage.PtmImpact => rows.Where(r => r.Step is null).Select(r => r.Model).ToList(),
            _ => [],
        };
        if (missing.Count > 0)
        {
            Show($"Choose a {(_view.Decision.Stage == Stage.PtmReuse ? "pattern" : "step")} for {string.Join(", ", missing)} first.", Severity.Warning);
            return;
        }

        StageAnswer? value = _view.Decision.Stage switch
        {
            Stage.IdentifyPtms => new IdentifyPtmsAnswer(rows.Select(r => new PtmMention(r.Model, null, r.Evidence)).ToList()),
            Stage.PtmReuse => new PtmReuseAnswer(rows.Select(r => new PtmReuseItem(r.Model, null, r.Form, r.Pattern!.Value, r.Evidence)).ToList()),
            Stage.PtmImpact => new PtmImpactAnswer(rows.Select(r => new PtmImpactItem(r.Model, null, r.Step!.Value, r.Evidence)).ToList()),
            _ => null,
        };
        if (value is null)
        {
            await FlipAsync();
            return;
        }

        await ActAsync(LabelAction.Correct, value, advance: false);
    }

    /// <summary>
    /// Takes back the reviewer's last action (their undo stack, <see cref="LabellingService.UndoLatestAsync"/>): on this
    /// item, or on an earlier one the queue has moved past, which is then opened so the reviewer sees what came back.
    /// </summary>
    private async Task UndoAsync()
    {
        if (!CheckCanLabel() || _view is null)
        {
            return;
        }

        try
        {
            if (await Labels.UndoLatestAsync(_reviewer, _disposed.Token) is not { } undone)
            {
                Show("You have nothing to undo.", Severity.Info);
                return;
            }

            var what = $"Undone: your {undone.Action.Action.ToString().ToLowerInvariant()} on {undone.Action.Stage}";
            if (undone.Action.DecisionId != DecisionId)
            {
                _carriedMessage = ($"{what} (back to that item).", Severity.Info);
                Navigation.NavigateTo($"review/{undone.Action.DecisionId}{ReviewQueryString.Build(Filter, Order)}");
                return;
            }

            await LoadAsync();
            Show(what + ".", Severity.Info);
        }
        catch (ReviewException exception)
        {
            await ReportAsync(exception);
        }
    }

    private async Task ActAsync(LabelAction action, StageAnswer? value, bool advance)
    {
        if (!CheckCanLabel() || _view is null)
        {
            return;
        }

        try
        {
            await Labels.ApplyAsync(_reviewer, new LabelCommand(_view.Decision.Id, action, _view.Labels.Version, value, _note), _disposed.Token);
            Show(action switch
            {
                LabelAction.Accept => "Accepted.",
                LabelAction.Skip => "Skipped.",
                LabelAction.Note => "Note saved.",
                _ => "Correction saved.",
            }, Severity.Success);
            if (advance && await GoAsync(forward: true))
            {
                return;
            }

            await LoadAsync();
        }
        catch (ReviewException exception)
        {
            await ReportAsync(exception);
        }
    }

    private async Task ReportAsync(ReviewException exception)
    {
        if (exception is LabelConflictException)
        {
            await LoadAsync();
        }

        Show(exception.Message, Severity.Error);
    }

    private bool CheckCanLabel()
    {
        if (!_canLabel)
        {
            Show(_reviewer.Length == 0 ? "Sign in as a reviewer to label." : "Your role can browse but not label.", Severity.Warning);
        }

        return _canLabel;
    }

    private async Task<bool> GoAsync(bool forward)
    {
        var next = await Queue.NextAsync(Filter, Order, _reviewer, DecisionId, forward, _disposed.Token);
        if (next is null)
        {
            Show(forward ? "That was the last item of this queue." : "This is the first item of this queue.", Severity.Info);
            return false;
        }

        Navigation.NavigateTo($"review/{next.DecisionId}{ReviewQueryString.Build(Filter, Order)}");
        return true;
    }

    private void Show(string message, Severity severity)
    {
        _message = message;
        _messageSeverity = severity;
    }

    private async Task FocusAsync(string id)
    {
        if (_module is not null)
        {
            await _module.InvokeVoidAsync("focus", _disposed.Token, id);
        }
    }

    private async Task ScrollToAsync(string id)
    {
        if (_module is not null)
        {
            await _module.InvokeVoidAsync("scrollToAnchor", _disposed.Token, id);
        }
    }

    private void ToggleHelp()
    {
        _helpOpen = !_helpOpen;
        _shortcutDraft = new Dictionary<ReviewShortcut, string>(_shortcuts);
    }

    private async Task SaveShortcutsAsync()
    {
        try
        {
            await Settings.SaveShortcutsAsync(_reviewer, _shortcutDraft, _disposed.Token);
            _shortcuts = await Settings.ShortcutsAsync(_reviewer, _disposed.Token);
            if (_module is not null && _handle is not null)
            {
                await _module.InvokeVoidAsync("setKeys", _disposed.Token, _handle, BoundKeys());
            }

            _helpOpen = false;
            Show("Shortcuts saved.", Severity.Success);
        }
        catch (ReviewException exception)
        {
            Show(exception.Message, Severity.Error);
        }
    }

    private void AddRow() => _rows.Add(new EditRow());

    private void RemoveRow(EditRow row) => _rows.Remove(row);

    private Task<IEnumerable<string>> SearchCatalogAsync(string? text, CancellationToken cancellationToken)
    {
        var term = text?.Trim() ?? "";
        var names = Catalog.Models.Where(m => m.Kind != PtmKind.Framework
                && (term.Length == 0 || m.Canonical.Contains(term, StringComparison.OrdinalIgnoreCase) || m.Aliases.Any(a => a.Contains(term, StringComparison.OrdinalIgnoreCase))))
            .Select(m => m.Canonical).Order(StringComparer.OrdinalIgnoreCase).Take(20).ToList();
        if (term.Length > 0 && !names.Contains(term, StringComparer.OrdinalIgnoreCase))
        {
            names.Add(term);
        }

        return Task.FromResult<IEnumerable<string>>(names);
    }

    private static string Key(IReadOnlyDictionary<ReviewShortcut, string> map, ReviewShortcut shortcut) => map.TryGetValue(shortcut, out var key) ? key : "";

    public async ValueTask DisposeAsync()
    {
        await _disposed.CancelAsync();
        try
        {
            if (_module is not null && _handle is not null)
            {
                await _module.InvokeVoidAsync("detach", _handle);
                await _handle.DisposeAsync();
            }

            if (_module is not null)
            {
                await _module.DisposeAsync();
            }
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone: so is the page's listener.
        }

        _self?.Dispose();
        _disposed.Dispose();
    }
}
