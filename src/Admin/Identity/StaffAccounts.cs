using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.People;
using OwnerPortal.Core.Identity;

namespace OwnerPortal.Admin.Identity;

/// <summary>
/// The Admin manages staff sign-in accounts in the shared user table, but signs nobody in with them: the Portal is
/// the identity provider. So only the user store and token providers, no cookie or sign-in scheme.
/// </summary>
public static class AdminAccounts
{
    public static IServiceCollection AddAdminAccounts(this IServiceCollection services)
    {
        services.AddIdentityCore<AppUser>(AccountRules.Apply)
            .AddEntityFrameworkStores<OwnerPortalDbContext>()
            .AddDefaultTokenProviders()
            .AddErrorDescriber<LocalizedIdentityErrors>();
        services.AddScoped<StaffAccounts>();
        return services;
    }
}

/// <summary>Why an account change was refused, beyond the placement rules of <see cref="StaffPlacement"/>.</summary>
public enum StaffAccountError { DuplicateEmail, OwnAccount, Other }

/// <summary>
/// A staff member and their sign-in account, kept in step: created together, deactivated together (locked out),
/// and given one-time passwords that must be replaced at the next sign-in (the Portal enforces that).
/// The one-time password is returned to show once; only its hash is stored.
/// </summary>
public sealed class StaffAccounts(OwnerPortalDbContext db, UserManager<AppUser> users, TimeProvider clock)
{
    public sealed record NewStaff(string FullName, string Email, string Phone, StaffRole Role, int? EstateId, int? DepartmentId);
    public sealed record Placement(StaffRole Role, int? EstateId, int? DepartmentId, bool IsActive);

    public sealed record Result(int? StaffId = null, string? OneTimePassword = null, StaffAccountError? Error = null,
        IReadOnlyList<StaffPlacementError>? PlacementErrors = null, IReadOnlyList<string>? Messages = null)
    {
        public bool Succeeded => Error is null && (PlacementErrors is null || PlacementErrors.Count == 0);
    }

    /// <summary><see cref="StaffPlacement.Check"/> with the estate and department looked up.</summary>
    public async Task<IReadOnlyList<StaffPlacementError>> CheckPlacementAsync(StaffRole role, int? estateId, int? departmentId, CancellationToken ct = default)
    {
        var errors = StaffPlacement.Check(role, estateId, departmentId,
            departmentId is null ? null : await db.Departments.Where(d => d.Id == departmentId).Select(d => (int?)d.EstateId).FirstOrDefaultAsync(ct)).ToList();
        // A posted estate id that does not exist is as good as none.
        if (estateId is not null && !errors.Contains(StaffPlacementError.EstateNotAllowed) && !await db.Estates.AnyAsync(e => e.Id == estateId, ct))
            errors.Add(StaffPlacementError.EstateRequired);
        return errors;
    }

    /// <summary>Staff record or any account (an owner's too) with this address: one address, one person.</summary>
    public async Task<bool> EmailInUseAsync(string email, CancellationToken ct = default)
    {
        var lower = email.Trim().ToLowerInvariant();
        return await db.Staff.IgnoreQueryFilters().AnyAsync(s => s.Email.ToLower() == lower, ct)
               || await users.FindByEmailAsync(email.Trim()) is not null;
    }

    public async Task<Result> CreateAsync(NewStaff input, CancellationToken ct = default)
    {
        var placement = await CheckPlacementAsync(input.Role, input.EstateId, input.DepartmentId, ct);
        if (placement.Count > 0) return new Result(PlacementErrors: placement);
        var email = input.Email.Trim();
        if (await EmailInUseAsync(email, ct)) return new Result(Error: StaffAccountError.DuplicateEmail);

        var password = OneTimePassword.Generate();
        return await db.InTransactionAsync(async tx =>
        {
            var user = new AppUser
            {
                UserName = email, Email = email, EmailConfirmed = true, PhoneNumber = input.Phone.Trim(),
                FullName = input.FullName.Trim(), MustChangePassword = true, CreatedAt = clock.GetUtcNow(),
            };
            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded) return Failed(created);
            var staff = new Staff
            {
                FullName = user.FullName, Email = email, Phone = user.PhoneNumber, Role = input.Role,
                EstateId = input.EstateId, DepartmentId = input.DepartmentId, UserId = user.Id,
            };
            db.Staff.Add(staff);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                db.ChangeTracker.Clear(); // the rolled-back account must not be saved by anything later in this request
                return new Result(Error: StaffAccountError.DuplicateEmail); // someone else took the address just now
            }
            await tx.CommitAsync(ct);
            return new Result(StaffId: staff.Id, OneTimePassword: password);
        }, ct);
    }

    /// <summary>
    /// Role, estate, department and whether the person may still work here. Deactivating locks the account for good
    /// and ends its provider session; an administrator cannot demote or deactivate themselves (nobody would be left
    /// to undo it).
    /// </summary>
    public Task<Result> UpdateAsync(int staffId, Placement change, int? actingStaffId, CancellationToken ct = default) =>
        db.InTransactionAsync(async tx =>
        {
            var staff = await db.Staff.FirstOrDefaultAsync(s => s.Id == staffId, ct);
            if (staff is null) return new Result(Error: StaffAccountError.Other);
            if (staffId == actingStaffId && (change.Role != staff.Role || !change.IsActive))
                return new Result(Error: StaffAccountError.OwnAccount);
            var placement = await CheckPlacementAsync(change.Role, change.EstateId, change.DepartmentId, ct);
            if (placement.Count > 0) return new Result(PlacementErrors: placement);

            var wasActive = staff.IsActive;
            (staff.Role, staff.EstateId, staff.DepartmentId, staff.IsActive) = (change.Role, change.EstateId, change.DepartmentId, change.IsActive);
            await db.SaveChangesAsync(ct);
            var user = staff.UserId is null ? null : await users.FindByIdAsync(staff.UserId);
            if (user is not null && wasActive != change.IsActive)
            {
                var result = change.IsActive ? await UnlockAsync(user) : await LockAsync(user);
                if (!result.Succeeded) return Failed(result);
            }
            await tx.CommitAsync(ct);
            return new Result(StaffId: staff.Id);
        }, ct);

    /// <summary>A new one-time password (and an account, if this staff record never had one).</summary>
    public Task<Result> ResetPasswordAsync(int staffId, CancellationToken ct = default) =>
        db.InTransactionAsync(async tx =>
        {
            var staff = await db.Staff.FirstOrDefaultAsync(s => s.Id == staffId, ct);
            if (staff is null) return new Result(Error: StaffAccountError.Other);
            var password = OneTimePassword.Generate();
            var user = staff.UserId is null ? null : await users.FindByIdAsync(staff.UserId);
            IdentityResult result;
            if (user is null)
            {
                if (await users.FindByEmailAsync(staff.Email) is not null) return new Result(Error: StaffAccountError.DuplicateEmail);
                user = new AppUser
                {
                    UserName = staff.Email, Email = staff.Email, EmailConfirmed = true, PhoneNumber = staff.Phone,
                    FullName = staff.FullName, MustChangePassword = true, CreatedAt = clock.GetUtcNow(),
                };
                result = await users.CreateAsync(user, password);
                if (!result.Succeeded) return Failed(result);
                staff.UserId = user.Id;
                await db.SaveChangesAsync(ct);
                if (!staff.IsActive && !(result = await LockAsync(user)).Succeeded) return Failed(result);
            }
            else
            {
                user.MustChangePassword = true; // saved with the new hash below
                var token = await users.GeneratePasswordResetTokenAsync(user);
                result = await users.ResetPasswordAsync(user, token, password); // also renews the security stamp
                if (!result.Succeeded) return Failed(result);
                // A lock-out after wrong guesses ends with the new password; a deactivated account stays locked.
                if (staff.IsActive && !(result = await UnlockAsync(user)).Succeeded) return Failed(result);
            }
            await tx.CommitAsync(ct);
            return new Result(StaffId: staff.Id, OneTimePassword: password);
        }, ct);

    private async Task<IdentityResult> LockAsync(AppUser user)
    {
        if (!user.LockoutEnabled && await users.SetLockoutEnabledAsync(user, true) is { Succeeded: false } r1) return r1;
        if (await users.SetLockoutEndDateAsync(user, AccountLock.Deactivated) is { Succeeded: false } r2) return r2;
        // A Portal session still open is signed out at its next security-stamp check.
        return await users.UpdateSecurityStampAsync(user);
    }

    private async Task<IdentityResult> UnlockAsync(AppUser user)
    {
        if (user.LockoutEnd is not null && await users.SetLockoutEndDateAsync(user, null) is { Succeeded: false } r) return r;
        return await users.ResetAccessFailedCountAsync(user);
    }

    private Result Failed(IdentityResult result)
    {
        db.ChangeTracker.Clear();
        var duplicate = result.Errors.Any(e => e.Code is nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName));
        return duplicate
            ? new Result(Error: StaffAccountError.DuplicateEmail)
            : new Result(Error: StaffAccountError.Other, Messages: result.Errors.Select(e => e.Description).ToList());
    }
}
