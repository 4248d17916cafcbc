using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using PtmReuse.Core.Storage;

namespace PtmReuse.Migrations.Postgres;

/// <summary>
/// Lets `dotnet ef` build the PostgreSQL model without a server: adding a migration and checking for pending model
/// changes never connect (the connection string only names a placeholder database).
/// </summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<PtmReuseDbContext>
{
    public PtmReuseDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<PtmReuseDbContext>();
        StorageProviders.UsePostgres(builder, "Host=localhost;Database=ptmreuse_design_time");
        return new PtmReuseDbContext(builder.Options);
    }
}
