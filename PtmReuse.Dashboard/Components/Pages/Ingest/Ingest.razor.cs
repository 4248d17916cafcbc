using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Options;
using MudBlazor;
using PtmReuse.Core.Ingest;
using PtmReuse.Core.Review;
using PtmReuse.Dashboard.Ingest;

namespace PtmReuse.Dashboard.Components.Pages.Ingest;

public sealed partial class Ingest
{
    private const int StoredErrorsShown = 200;

    private IReadOnlyList<IngestBatch> _batches = [];
    private IngestErrorPage _errors = new([], 0);
    private bool _dragging;
    private bool _uploading;
    private string? _uploadName;
    private long _uploadBytesDone;
    private long _uploadBytesTotal;
    private string? _uploadError;
    private string? _serverPath;
    private string? _pathError;
    private bool _refreshQueued;

    [Inject] private IngestJobQueue Jobs { get; set; } = default!;
    [Inject] private IngestPathPolicy PathPolicy { get; set; } = default!;
    [Inject] private PtmReuse.Core.Storage.InterruptedWorkSweeper Sweeper { get; set; } = default!;
    [Inject] private IAuthorizationService Authorization { get; set; } = default!;

    [CascadingParameter] private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    private string? _resumeError;
    private bool _isAdmin;
    [Inject] private IngestHistoryQueries History { get; set; } = default!;
    [Inject] private IOptions<UploadOptions> Upload { get; set; } = default!;
    [Inject] private ILogger<Ingest> Logger { get; set; } = default!;

    private string DropZoneClass =>
        "pa-6 d-flex flex-column align-center justify-center gap-2 mud-width-full" + (_dragging ? " mud-border-primary border-2 border-dashed" : " border-dashed");

    private double UploadPercent => _uploadBytesTotal == 0 ? 0 : 100.0 * _uploadBytesDone / _uploadBytesTotal;

    protected override async Task OnInitializedAsync()
    {
        Jobs.Changed += OnJobsChanged;
        // A batch whose process was killed since start-up (a CLI ingest, say) shows as interrupted, not running.
        await Sweeper.SweepAsync(ComponentToken);
        _isAdmin = await IsAdminAsync();
        await LoadHistoryAsync();
    }

    private async Task LoadHistoryAsync()
    {
        _batches = await History.GetRecentBatchesAsync(20, ComponentToken);
        _errors = await History.GetErrorsAsync(null, 0, StoredErrorsShown, ComponentToken);
    }

    /// <summary>
    /// Streams every chosen file to a private temp folder first (a large .zip never sits in memory), then queues
    /// one background ingest for them, which deletes the folder when it ends.
    /// </summary>
    private async Task OnFilesChangedAsync(InputFileChangeEventArgs args)
    {
        _uploadError = null;
        if (args.FileCount > Upload.Value.MaxFileCount)
        {
            _uploadError = $"{args.FileCount} files chosen; at most {Upload.Value.MaxFileCount} per upload. Put them in a .zip instead.";
            return;
        }

        var files = args.GetMultipleFiles(Upload.Value.MaxFileCount);
        if (files.Count == 0)
        {
            return;
        }

        var folder = Path.Combine(Upload.Value.ResolveTemporaryFolder(), Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var inputs = new List<IngestInput>();
        _uploading = true;
        _uploadBytesTotal = files.Sum(f => f.Size);
        _uploadBytesDone = 0;
        try
        {
            foreach (var (file, index) in files.Select((f, i) => (f, i)))
            {
                _uploadName = file.Name;
                // Numbered sub-folders keep two uploads with the same name apart and the name itself out of the path logic.
                var target = Path.Combine(folder, index.ToString(System.Globalization.CultureInfo.InvariantCulture), SafeFileName(file.Name));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                await CopyWithProgressAsync(file, target);
                // A stream input, so stored sources and errors name the uploaded file, not the temp copy.
                inputs.Add(new IngestInput(file.Name, OpenStream: _ => Task.FromResult<Stream>(
                    new FileStream(target, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true))));
            }
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or OperationCanceledException)
        {
            _uploadError = $"Upload of {_uploadName} failed: {ex.Message}";
            Logger.LogWarning(ex, "Upload of {File} failed", _uploadName);
            TryDelete(folder);
            return;
        }
        finally
        {
            _uploading = false;
        }

        var name = inputs.Count == 1 ? $"Upload: {inputs[0].Name}" : $"Upload: {inputs.Count} files";
        Jobs.Enqueue(name, "upload", inputs, folder);
    }

    private async Task CopyWithProgressAsync(IBrowserFile file, string target)
    {
        await using var source = file.OpenReadStream(Upload.Value.MaxFileBytes, ComponentToken);
        await using var destination = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
        var buffer = new byte[81920];
        var lastRender = DateTime.UtcNow;
        int read;
        while ((read = await source.ReadAsync(buffer, ComponentToken)) > 0)
        {
            await destination.WriteAsync(buffer.AsMemory(0, read), ComponentToken);
            _uploadBytesDone += read;
            if (DateTime.UtcNow - lastRender > TimeSpan.FromMilliseconds(200))
            {
                lastRender = DateTime.UtcNow;
                StateHasChanged();
            }
        }
    }

    /// <summary>Server paths are for admins (checked here too, not only by hiding the box) and only under the allowed folders.</summary>
    private async Task IngestServerPathAsync()
    {
        _pathError = null;
        if (!await IsAdminAsync())
        {
            _pathError = "Only admins may ingest paths on the server.";
            return;
        }

        var check = PathPolicy.Check(_serverPath);
        if (check.Input is not { } input)
        {
            _pathError = check.Error;
            return;
        }

        Jobs.Enqueue($"Folder: {input.Path}", "dashboard", [input]);
    }

    private async Task ResumeAsync(IngestBatch batch)
    {
        _resumeError = null;
        if (!await IsAdminAsync())
        {
            _resumeError = "Only admins may resume an ingest of server paths.";
            return;
        }

        Jobs.EnqueueResume(batch);
    }

    private async Task<bool> IsAdminAsync()
    {
        var user = (await AuthenticationState).User;
        return (await Authorization.AuthorizeAsync(user, ReviewPolicies.CanAdminister)).Succeeded;
    }

    private void OnJobsChanged()
    {
        _ = InvokeAsync(async () =>
        {
            if (ComponentToken.IsCancellationRequested)
            {
                return;
            }

            // History and stored errors change when a job ends; reload once per burst of events.
            if (!_refreshQueued && !Jobs.Jobs.Any(j => j.IsActive))
            {
                _refreshQueued = true;
                try
                {
                    await LoadHistoryAsync();
                }
                finally
                {
                    _refreshQueued = false;
                }
            }

            StateHasChanged();
        });
    }

    private static string SafeFileName(string name)
    {
        var file = Path.GetFileName(name.Replace('\\', '/'));
        foreach (var invalid in Path.GetInvalidFileNameChars())
        {
            file = file.Replace(invalid, '_');
        }

        return string.IsNullOrWhiteSpace(file) || file is "." or ".." ? "upload" : file;
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Leftover temp files are harmless; the failure was already reported.
        }
    }

    private static double? JobPercent(IngestJob job) =>
        job.Progress is { ItemsTotal: > 0 } p ? 100.0 * p.ItemsDone / p.ItemsTotal.Value
        : job.Progress is { BytesTotal: > 0 } b ? 100.0 * b.BytesDone / b.BytesTotal.Value
        : null;

    private static string JobProgressText(IngestJob job) => job.Progress is { } p
        ? $"{p.ItemsDone}{(p.ItemsTotal is { } t ? $" of {t}" : "")} files · {p.Added} added · {p.Failed} failed · {p.Current}"
        : "Starting…";

    private static Color JobColor(IngestJob job) => job.Status switch
    {
        IngestJobStatus.Completed when job.Summary is { Failed: > 0 } => Color.Warning,
        IngestJobStatus.Completed => Color.Success,
        IngestJobStatus.Running or IngestJobStatus.Queued => Color.Info,
        _ => Color.Error,
    };

    protected override void Dispose(bool disposing)
    {
        Jobs.Changed -= OnJobsChanged;
        base.Dispose(disposing);
    }
}
