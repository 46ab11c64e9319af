using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace OwnerPortal.Core.Data;

/// <summary>Lets `dotnet ef` build the context without a startup project.</summary>
public class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<OwnerPortalDbContext>
{
    public OwnerPortalDbContext CreateDbContext(string[] args)
    {
        var cs = Environment.GetEnvironmentVariable("ConnectionStrings__Default")
                 ?? "Host=127.0.0.1;Port=55432;Database=ownerportal;Username=postgres";
        var options = new DbContextOptionsBuilder<OwnerPortalDbContext>();
        OwnerPortalDbContext.Configure(options, cs);
        return new OwnerPortalDbContext(options.Options);
    }
}
