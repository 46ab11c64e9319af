using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using OwnerPortal.Core.Identity;
using OwnerPortal.Core.Mail;
using OwnerPortal.Core.Domain.Cases;
using OwnerPortal.Core.Domain.Estates;
using OwnerPortal.Core.Domain.People;

namespace OwnerPortal.Core.Data;

/// <summary>The one database of both sites. Pages use it directly (docs/decisions/ADR-001).</summary>
public class OwnerPortalDbContext(DbContextOptions<OwnerPortalDbContext> options)
    : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    public DbSet<CompanySettings> CompanySettings => Set<CompanySettings>();
    public DbSet<CalendarDay> CalendarDays => Set<CalendarDay>();
    public DbSet<Estate> Estates => Set<Estate>();
    public DbSet<Building> Buildings => Set<Building>();
    public DbSet<Unit> Units => Set<Unit>();
    public DbSet<PublicArea> PublicAreas => Set<PublicArea>();
    public DbSet<Department> Departments => Set<Department>();
    public DbSet<Person> People => Set<Person>();
    public DbSet<UnitMembership> UnitMemberships => Set<UnitMembership>();
    public DbSet<CommitteeMembership> CommitteeMemberships => Set<CommitteeMembership>();
    public DbSet<Staff> Staff => Set<Staff>();
    public DbSet<Case> Cases => Set<Case>();
    public DbSet<CaseEvent> CaseEvents => Set<CaseEvent>();
    public DbSet<CaseAttachment> CaseAttachments => Set<CaseAttachment>();
    public DbSet<CaseFollower> CaseFollowers => Set<CaseFollower>();
    public DbSet<CaseReferenceCounter> CaseReferenceCounters => Set<CaseReferenceCounter>();
    public DbSet<BindingCode> BindingCodes => Set<BindingCode>();
    public DbSet<UnitLinkRequest> UnitLinkRequests => Set<UnitLinkRequest>();
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();
    public DbSet<ServerKey> ServerKeys => Set<ServerKey>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder); // Identity tables
        modelBuilder.UseOpenIddict();       // OpenID Connect applications, authorizations, scopes, tokens
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(OwnerPortalDbContext).Assembly);
    }

    /// <summary>Shared options so the sites, the tools and the tests configure the context the same way.</summary>
    public static void Configure(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
               .UseSnakeCaseNamingConvention()
               .UseOpenIddict();
}
