using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using OpenIddict.EntityFrameworkCore.Models;
using Microsoft.EntityFrameworkCore;
using OwnerPortal.Core.Identity;
using OwnerPortal.Core.Mail;
using OwnerPortal.Core.Domain.Callbacks;
using OwnerPortal.Core.Domain.Cases;
using OwnerPortal.Core.Domain.Estates;
using OwnerPortal.Core.Domain.Hotline;
using OwnerPortal.Core.Domain.People;
using OwnerPortal.Core.Domain.Notices;
using OwnerPortal.Core.Domain.Reports;
using OwnerPortal.Core.Domain.WorkOrders;
using OwnerPortal.Core.Domain.Surveys;

namespace OwnerPortal.Core.Data;

/// <summary>The one database of both sites. Pages use it directly (docs/decisions/ADR-001).</summary>
public class OwnerPortalDbContext(DbContextOptions<OwnerPortalDbContext> options, IEstateScope? scope = null)
    : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    // Read by the query filters below; EF evaluates them per context instance.
    private readonly bool _restricted = scope?.IsRestricted ?? false;
    private readonly int? _estateId = scope?.EstateId;
    /// <summary>Whose rows the query filters let through: results kept across requests are kept per visibility.</summary>
    public (bool Restricted, int? EstateId) Visibility => _restricted ? (true, _estateId) : (false, null);

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
    public DbSet<WorkOrder> WorkOrders => Set<WorkOrder>();
    public DbSet<WorkOrderCounter> WorkOrderCounters => Set<WorkOrderCounter>();
    public DbSet<DeveloperForwarding> DeveloperForwardings => Set<DeveloperForwarding>();
    public DbSet<ExternalCoordination> ExternalCoordinations => Set<ExternalCoordination>();
    public DbSet<MajorComplaintReport> MajorComplaintReports => Set<MajorComplaintReport>();
    public DbSet<BindingCode> BindingCodes => Set<BindingCode>();
    public DbSet<UnitLinkRequest> UnitLinkRequests => Set<UnitLinkRequest>();
    public DbSet<Notice> Notices => Set<Notice>();
    public DbSet<MonthlyReport> MonthlyReports => Set<MonthlyReport>();
    public DbSet<Rectification> Rectifications => Set<Rectification>();
    public DbSet<HotlineTicket> HotlineTickets => Set<HotlineTicket>();
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();
    public DbSet<CallbackPolicy> CallbackPolicies => Set<CallbackPolicy>();
    public DbSet<CallbackRule> CallbackRules => Set<CallbackRule>();
    public DbSet<Callback> Callbacks => Set<Callback>();
    public DbSet<Kpis.Rollups.CaseCell> CaseCells => Set<Kpis.Rollups.CaseCell>();
    public DbSet<Kpis.Rollups.CallbackCell> CallbackCells => Set<Kpis.Rollups.CallbackCell>();
    public DbSet<Kpis.Rollups.KpiRefresh> KpiRefreshes => Set<Kpis.Rollups.KpiRefresh>();
    public DbSet<Kpis.Rollups.SurveyCell> SurveyCells => Set<Kpis.Rollups.SurveyCell>();
    public DbSet<Kpis.Rollups.SurveyCellDirty> SurveyCellsDirty => Set<Kpis.Rollups.SurveyCellDirty>();
    public DbSet<Scorecards.ScorecardSummary> ScorecardSummaries => Set<Scorecards.ScorecardSummary>();
    public DbSet<SpecialEvent> SpecialEvents => Set<SpecialEvent>();
    public DbSet<WrittenCallbackRound> WrittenCallbackRounds => Set<WrittenCallbackRound>();
    public DbSet<WrittenCallbackInvitation> WrittenCallbackInvitations => Set<WrittenCallbackInvitation>();
    public DbSet<SurveyRound> SurveyRounds => Set<SurveyRound>();
    public DbSet<SurveyParticipation> SurveyParticipations => Set<SurveyParticipation>();
    public DbSet<SurveyQuestion> SurveyQuestions => Set<SurveyQuestion>();
    public DbSet<SurveyResponse> SurveyResponses => Set<SurveyResponse>();
    public DbSet<SurveyAnswer> SurveyAnswers => Set<SurveyAnswer>();
    public DbSet<SurveyPublication> SurveyPublications => Set<SurveyPublication>();
    public DbSet<RectificationItem> RectificationItems => Set<RectificationItem>();
    public DbSet<ServerKey> ServerKeys => Set<ServerKey>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder); // Identity tables
        modelBuilder.UseOpenIddict();       // OpenID Connect applications, authorizations, scopes, tokens
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(OwnerPortalDbContext).Assembly);
        NameFrameworkTables(modelBuilder);
        ApplyEstateScope(modelBuilder);
    }

    /// <summary>snake_case names for the Identity and OpenIddict tables too, so raw SQL reads the same everywhere.</summary>
    private static void NameFrameworkTables(ModelBuilder m)
    {
        m.Entity<AppUser>().ToTable("users");
        m.Entity<IdentityRole>().ToTable("roles");
        m.Entity<IdentityUserRole<string>>().ToTable("user_roles");
        m.Entity<IdentityUserClaim<string>>().ToTable("user_claims");
        m.Entity<IdentityUserLogin<string>>().ToTable("user_logins");
        m.Entity<IdentityUserToken<string>>().ToTable("user_tokens");
        m.Entity<IdentityRoleClaim<string>>().ToTable("role_claims");
        m.Entity<OpenIddictEntityFrameworkCoreApplication>().ToTable("oidc_applications");
        m.Entity<OpenIddictEntityFrameworkCoreAuthorization>().ToTable("oidc_authorizations");
        m.Entity<OpenIddictEntityFrameworkCoreScope>().ToTable("oidc_scopes");
        m.Entity<OpenIddictEntityFrameworkCoreToken>().ToTable("oidc_tokens");
    }

    /// <summary>Staff of one estate see only that estate's records; outside it a record simply does not exist (404).</summary>
    private void ApplyEstateScope(ModelBuilder m)
    {
        m.Entity<Estate>().HasQueryFilter(x => !_restricted || x.Id == _estateId);
        m.Entity<Building>().HasQueryFilter(x => !_restricted || x.EstateId == _estateId);
        m.Entity<Unit>().HasQueryFilter(x => !_restricted || x.EstateId == _estateId);
        m.Entity<PublicArea>().HasQueryFilter(x => !_restricted || x.EstateId == _estateId);
        m.Entity<Department>().HasQueryFilter(x => !_restricted || x.EstateId == _estateId);
        m.Entity<Staff>().HasQueryFilter(x => !_restricted || x.EstateId == _estateId);
        m.Entity<CommitteeMembership>().HasQueryFilter(x => !_restricted || x.EstateId == _estateId);
        m.Entity<Case>().HasQueryFilter(x => !_restricted || x.EstateId == _estateId);
        m.Entity<CaseEvent>().HasQueryFilter(x => !_restricted || Set<Case>().Any(c => c.Id == x.CaseId));
        m.Entity<CaseAttachment>().HasQueryFilter(x => !_restricted || Set<Case>().Any(c => c.Id == x.CaseId));
        m.Entity<CaseFollower>().HasQueryFilter(x => !_restricted || Set<Case>().Any(c => c.Id == x.CaseId));
        m.Entity<WorkOrder>().HasQueryFilter(x => !_restricted || x.EstateId == _estateId);
        m.Entity<WorkOrderCounter>().HasQueryFilter(x => !_restricted || x.EstateId == _estateId);
        m.Entity<DeveloperForwarding>().HasQueryFilter(x => !_restricted || Set<Case>().Any(c => c.Id == x.CaseId));
        m.Entity<ExternalCoordination>().HasQueryFilter(x => !_restricted || Set<Case>().Any(c => c.Id == x.CaseId));
        m.Entity<MajorComplaintReport>().HasQueryFilter(x => !_restricted || Set<Case>().Any(c => c.Id == x.CaseId));
        m.Entity<UnitMembership>().HasQueryFilter(x => !_restricted || Set<Unit>().Any(u => u.Id == x.UnitId));
        m.Entity<BindingCode>().HasQueryFilter(x => !_restricted || Set<Unit>().Any(u => u.Id == x.UnitId));
        m.Entity<UnitLinkRequest>().HasQueryFilter(x => !_restricted || Set<Unit>().Any(u => u.Id == x.UnitId));
        m.Entity<Notice>().HasQueryFilter(x => !_restricted || x.EstateId == _estateId);
        m.Entity<MonthlyReport>().HasQueryFilter(x => !_restricted || x.EstateId == _estateId);
        m.Entity<Rectification>().HasQueryFilter(x => !_restricted || x.EstateId == _estateId);
        m.Entity<HotlineTicket>().HasQueryFilter(x => !_restricted || x.EstateId == _estateId);
        // Rounds are company-wide; what belongs to one estate (taking part, its questions, its answers) is scoped.
        m.Entity<SurveyParticipation>().HasQueryFilter(x => !_restricted || x.EstateId == _estateId);
        m.Entity<SurveyQuestion>().HasQueryFilter(x => !_restricted || x.EstateId == _estateId);
        m.Entity<SurveyResponse>().HasQueryFilter(x => !_restricted || x.EstateId == _estateId);
        m.Entity<SurveyPublication>().HasQueryFilter(x => !_restricted || x.EstateId == _estateId);
        m.Entity<RectificationItem>().HasQueryFilter(x => !_restricted || x.EstateId == _estateId);
        m.Entity<SurveyAnswer>().HasQueryFilter(x => !_restricted || Set<SurveyResponse>().Any(r => r.Id == x.ResponseId));
        m.Entity<Person>().HasQueryFilter(x => !_restricted || Set<UnitMembership>().Any(u => u.PersonId == x.Id));
        m.Entity<CallbackPolicy>().HasQueryFilter(x => !_restricted || x.EstateId == _estateId);
        m.Entity<CallbackRule>().HasQueryFilter(x => !_restricted || Set<CallbackPolicy>().Any(p => p.Id == x.PolicyId));
        m.Entity<Callback>().HasQueryFilter(x => !_restricted || x.EstateId == _estateId);
        m.Entity<SpecialEvent>().HasQueryFilter(x => !_restricted || x.EstateId == _estateId);
        m.Entity<WrittenCallbackRound>().HasQueryFilter(x => !_restricted || x.EstateId == _estateId);
        m.Entity<WrittenCallbackInvitation>().HasQueryFilter(x => !_restricted || x.EstateId == _estateId);
        // Dashboard cells: an estate's own; the company cells (estate 0) are for company-level staff.
        m.Entity<Kpis.Rollups.CaseCell>().HasQueryFilter(x => !_restricted || x.EstateId == _estateId);
        m.Entity<Kpis.Rollups.CallbackCell>().HasQueryFilter(x => !_restricted || x.EstateId == _estateId);
        m.Entity<Kpis.Rollups.SurveyCell>().HasQueryFilter(x => !_restricted || x.EstateId == _estateId);
        m.Entity<Scorecards.ScorecardSummary>().HasQueryFilter(x => !_restricted || x.EstateId == _estateId);
    }

    /// <summary>
    /// Shared options so the sites, the tools and the tests configure the context the same way. Transient errors (a
    /// dropped connection, PostgreSQL restarting, a deadlock) are retried: each query and SaveChanges on its own, and
    /// an explicit transaction as a whole through <see cref="UnitOfWork.InTransactionAsync{T}"/>. Hot statements are
    /// prepared on the server (<see cref="ConnectionTuning"/>).
    /// </summary>
    public static void Configure(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(ConnectionTuning.Apply(connectionString), npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history")
                   .EnableRetryOnFailure(UnitOfWork.MaxRetries, UnitOfWork.MaxRetryDelay, UnitOfWork.RetriedSqlStates))
               .UseSnakeCaseNamingConvention()
               .UseOpenIddict();
}
