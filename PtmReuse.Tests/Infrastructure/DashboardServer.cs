using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PtmReuse.Core.Review.Accounts;
using PtmReuse.Core.Storage;
using PtmReuse.Dashboard;

namespace PtmReuse.Tests.Infrastructure;

/// <summary>
/// The real dashboard (DashboardHost.Build, as `serve` runs it) on http://127.0.0.1:&lt;free port&gt; with its own
/// temporary SQLite database, for browser tests. Dispose stops it and deletes the database folder.
/// </summary>
public sealed class DashboardServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private DashboardServer(WebApplication app, string directory, string baseUrl)
    {
        _app = app;
        Directory = directory;
        BaseUrl = baseUrl;
    }

    public string Directory { get; }

    public string BaseUrl { get; }

    public IServiceProvider Services => _app.Services;

    public IDbContextFactory<PtmReuseDbContext> Factory => Services.GetRequiredService<IDbContextFactory<PtmReuseDbContext>>();

    /// <param name="seed">Stores papers after migration and before the app starts (so first-run demo seeding sees them).</param>
    /// <param name="settings">Configuration overrides, e.g. Demo:SeedOnFirstRun. Demo seeding is off unless set here.</param>
    /// <param name="seedTestUsers">Creates <see cref="TestUsers.All"/> (one per role) before the app starts; off for first-run tests.</param>
    /// <param name="configure">Last say over the host builder (e.g. a log capture).</param>
    public static async Task<DashboardServer> StartAsync(
        Func<IDbContextFactory<PtmReuseDbContext>, Task>? seed = null,
        IDictionary<string, string?>? settings = null,
        bool seedTestUsers = true,
        Action<WebApplicationBuilder>? configure = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "ptmreuse-tests", "server-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        var app = DashboardHost.Build(
            ["--urls", "http://127.0.0.1:0", "--environment", "Production"],
            Path.Combine(directory, "dashboard.db"),
            builder =>
            {
                builder.Configuration["Demo:SeedOnFirstRun"] = "false";
                builder.Configuration["Upload:TemporaryFolder"] = Path.Combine(directory, "uploads");
                foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
                {
                    builder.Configuration[key] = value;
                }

                builder.Logging.SetMinimumLevel(LogLevel.Warning);
                configure?.Invoke(builder);
            });
        await DashboardHost.InitializeAsync(app, CancellationToken.None);
        if (seedTestUsers)
        {
            await TestUsers.SeedAsync(app.Services.GetRequiredService<ReviewerAccounts>());
        }

        if (seed is not null)
        {
            await seed(app.Services.GetRequiredService<IDbContextFactory<PtmReuseDbContext>>());
        }

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new DashboardServer(app, directory, address.TrimEnd('/') + "/");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; never fail a test on cleanup.
        }
    }
}
