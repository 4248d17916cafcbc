using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace PtmReuse.Core.Storage;

/// <summary>Lets `dotnet ef` build the model without the Dashboard host.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<PtmReuseDbContext>
{
    public PtmReuseDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PtmReuseDbContext>()
            .UseSqlite("Data Source=design-time.db")
            .Options;
        return new PtmReuseDbContext(options);
    }
}
