using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using OwnerPortal.Core.Domain.People;

namespace OwnerPortal.Core.Identity;

/// <summary>The app's own claim types, filled at sign-in from the database (Portal) or the identity provider (Admin).</summary>
public static class AppClaims
{
    public const string StaffRole = "op:staff_role";
    /// <summary>The estate id a staff member belongs to; absent for company-level staff.</summary>
    public const string EstateId = "op:estate_id";
    public const string StaffId = "op:staff_id";
    public const string PersonId = "op:person_id";
}

/// <summary>SPEC 1 roles as named authorization policies, defined once for both sites.</summary>
public static class Policies
{
    /// <summary>Any signed-in staff member.</summary>
    public const string Staff = nameof(Staff);
    /// <summary>Estate office desk work: dispatch, customer service, binding codes, link requests.</summary>
    public const string EstateOffice = nameof(EstateOffice);
    /// <summary>The estate's structure: buildings, units, people, committee.</summary>
    public const string EstateStructure = nameof(EstateStructure);
    public const string DepartmentWork = nameof(DepartmentWork);
    public const string EstateManager = nameof(EstateManager);
    public const string QualityOffice = nameof(QualityOffice);
    /// <summary>Escalated complaints and their written notes (SPEC 2, 003 4.3.3).</summary>
    public const string Escalations = nameof(Escalations);
    /// <summary>Dashboards: estate managers (their estate), quality office and leadership (all).</summary>
    public const string Dashboards = nameof(Dashboards);
    /// <summary>GM hotline matters: the quality office's desk, and the estate office's handling files (SPEC 1, 3).</summary>
    public const string Hotline = nameof(Hotline);
    /// <summary>Callbacks (SPEC 3): the due list and recording them; customer service, supervisors, managers, quality office.</summary>
    public const string Callbacks = nameof(Callbacks);
    /// <summary>Editing an estate's callback policy: its estate manager, or the quality office for any estate.</summary>
    public const string CallbackPolicy = nameof(CallbackPolicy);
    public const string SystemAdmin = nameof(SystemAdmin);
    /// <summary>Notices to owners (SPEC 5): the office writes information notices; the manager publishes the monthly one.</summary>
    public const string Notices = nameof(Notices);
    /// <summary>Monthly reports (SPEC 5): the estate office reads them, the manager signs; the company reads all.</summary>
    public const string Reports = nameof(Reports);
    /// <summary>Publishing a summary of the owners' committee scorecard to every owner of the estate: its estate manager.</summary>
    public const string ScorecardPublish = nameof(ScorecardPublish);
    /// <summary>An owner or resident with a portal account.</summary>
    public const string Owner = nameof(Owner);

    public static readonly IReadOnlyDictionary<string, StaffRole[]> StaffPolicies = new Dictionary<string, StaffRole[]>
    {
        [Staff] = Enum.GetValues<StaffRole>(),
        [EstateOffice] = [StaffRole.Dispatcher, StaffRole.EstateManager, StaffRole.SystemAdmin],
        [EstateStructure] = [StaffRole.EstateManager, StaffRole.SystemAdmin],
        [DepartmentWork] = [StaffRole.DepartmentSupervisor, StaffRole.Dispatcher, StaffRole.EstateManager],
        [EstateManager] = [StaffRole.EstateManager],
        [QualityOffice] = [StaffRole.QualityOffice, StaffRole.Leadership],
        [Dashboards] = [StaffRole.EstateManager, StaffRole.QualityOffice, StaffRole.Leadership],
        [Escalations] = [StaffRole.EstateManager, StaffRole.QualityOffice],
        [Hotline] = [StaffRole.QualityOffice, StaffRole.Leadership, StaffRole.EstateManager, StaffRole.Dispatcher],
        [SystemAdmin] = [StaffRole.SystemAdmin],
        [Notices] = [StaffRole.Dispatcher, StaffRole.EstateManager],
        [Reports] = [StaffRole.Dispatcher, StaffRole.EstateManager, StaffRole.QualityOffice, StaffRole.Leadership],
        [Callbacks] = [StaffRole.Dispatcher, StaffRole.DepartmentSupervisor, StaffRole.EstateManager, StaffRole.QualityOffice],
        [CallbackPolicy] = [StaffRole.EstateManager, StaffRole.QualityOffice],
        [ScorecardPublish] = [StaffRole.EstateManager],
    };

    public static AuthorizationBuilder AddOwnerPortalPolicies(this AuthorizationBuilder builder)
    {
        foreach (var (name, roles) in StaffPolicies)
        {
            var allowed = roles.Select(r => r.ToString()).ToArray();
            builder.AddPolicy(name, p => p.RequireAuthenticatedUser().RequireClaim(AppClaims.StaffRole, allowed));
        }
        builder.AddPolicy(Owner, p => p.RequireAuthenticatedUser().RequireClaim(AppClaims.PersonId));
        return builder;
    }

    public static StaffRole? StaffRoleOf(this ClaimsPrincipal user) =>
        Enum.TryParse<StaffRole>(user.FindFirstValue(AppClaims.StaffRole), out var role) ? role : null;

    /// <summary>Company-level staff (no estate claim) see every estate; the others only their own.</summary>
    public static int? EstateIdOf(this ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(AppClaims.EstateId), out var id) ? id : null;

    public static int? StaffIdOf(this ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(AppClaims.StaffId), out var id) ? id : null;

    public static int? PersonIdOf(this ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(AppClaims.PersonId), out var id) ? id : null;
}
