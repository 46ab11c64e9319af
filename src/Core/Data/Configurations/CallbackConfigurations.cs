using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OwnerPortal.Core.Domain.Callbacks;
using OwnerPortal.Core.Domain.Cases;
using OwnerPortal.Core.Domain.Estates;
using OwnerPortal.Core.Domain.People;

namespace OwnerPortal.Core.Data.Configurations;

public class CallbackPolicyConfiguration : IEntityTypeConfiguration<CallbackPolicy>
{
    public void Configure(EntityTypeBuilder<CallbackPolicy> b)
    {
        b.Property(x => x.CreatedBy).HasMaxLength(100);
        b.Property(x => x.Note).HasMaxLength(500);
        b.HasOne<Estate>().WithMany().HasForeignKey(x => x.EstateId);
        b.HasOne<Staff>().WithMany().HasForeignKey(x => x.CreatedByStaffId);
        b.HasMany(x => x.Rules).WithOne().HasForeignKey(x => x.PolicyId);
        // The current policy is the estate's highest version; two saves at once cannot both make version n+1.
        b.HasIndex(x => new { x.EstateId, x.Version }).IsUnique();
    }
}

public class CallbackRuleConfiguration : IEntityTypeConfiguration<CallbackRule>
{
    public void Configure(EntityTypeBuilder<CallbackRule> b)
    {
        b.HasIndex(x => new { x.PolicyId, x.Kind }).IsUnique();
    }
}

public class CallbackConfiguration : IEntityTypeConfiguration<Callback>
{
    public void Configure(EntityTypeBuilder<Callback> b)
    {
        b.Property(x => x.Comments).HasMaxLength(2000);
        b.Property(x => x.CalledBy).HasMaxLength(100);
        b.Property(x => x.FollowUpDoneBy).HasMaxLength(100);
        b.Property(x => x.Version).IsRowVersion();
        b.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId);
        b.HasOne<Estate>().WithMany().HasForeignKey(x => x.EstateId);
        b.HasOne(x => x.Policy).WithMany().HasForeignKey(x => x.PolicyId);
        b.HasOne<Staff>().WithMany().HasForeignKey(x => x.CalledByStaffId);
        b.HasOne<Staff>().WithMany().HasForeignKey(x => x.HandledByStaffId);
        b.HasOne<Department>().WithMany().HasForeignKey(x => x.HandledByDepartmentId);
        b.HasOne<Department>().WithMany().HasForeignKey(x => x.FollowUpDepartmentId);
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.AnsweredByPersonId);
        // One decision per completion of a case (a case closed again after a reopening is decided again).
        b.HasIndex(x => new { x.CaseId, x.Round }).IsUnique();
        // Dashboards (callback rate and satisfaction, issue #9): per estate by the end of the window.
        b.HasIndex(x => new { x.EstateId, x.DueUntil });
        // The due list: open callbacks of an estate by window start; small, since done rows leave it.
        b.HasIndex(x => new { x.EstateId, x.DueFrom, x.Id }).HasDatabaseName("ix_callbacks_open").HasFilter("status = 1");
        // Open follow-ups of a department.
        b.HasIndex(x => new { x.FollowUpDepartmentId, x.FollowUpDueAt }).HasFilter("follow_up_due_at IS NOT NULL AND follow_up_done_at IS NULL");
    }
}

public class SpecialEventConfiguration : IEntityTypeConfiguration<SpecialEvent>
{
    public void Configure(EntityTypeBuilder<SpecialEvent> b)
    {
        b.Property(x => x.Household).HasMaxLength(200);
        b.Property(x => x.Description).HasMaxLength(2000);
        b.Property(x => x.RecordedBy).HasMaxLength(100);
        b.Property(x => x.VisitedBy).HasMaxLength(100);
        b.Property(x => x.VisitOutcome).HasMaxLength(2000);
        b.Property(x => x.OpenMatters).HasMaxLength(2000);
        b.Property(x => x.MattersClosedBy).HasMaxLength(100);
        b.Property(x => x.MattersNote).HasMaxLength(1000);
        b.Property(x => x.Version).IsRowVersion();
        b.HasOne<Estate>().WithMany().HasForeignKey(x => x.EstateId);
        b.HasOne<Staff>().WithMany().HasForeignKey(x => x.RecordedByStaffId);
        // An estate's events by the visit's due time (the list, and the rate of visits made within the window).
        b.HasIndex(x => new { x.EstateId, x.VisitDueUntil });
    }
}

public class WrittenCallbackRoundConfiguration : IEntityTypeConfiguration<WrittenCallbackRound>
{
    public void Configure(EntityTypeBuilder<WrittenCallbackRound> b)
    {
        b.Property(x => x.Seed).HasMaxLength(100);
        b.Property(x => x.DrawnBy).HasMaxLength(100);
        b.HasOne<Estate>().WithMany().HasForeignKey(x => x.EstateId);
        b.HasOne<Department>().WithMany().HasForeignKey(x => x.DepartmentId);
        b.HasOne<Staff>().WithMany().HasForeignKey(x => x.DrawnByStaffId);
        b.HasMany(x => x.Invitations).WithOne().HasForeignKey(x => x.RoundId);
        b.HasIndex(x => new { x.EstateId, x.DrawnAt });
    }
}

public class WrittenCallbackInvitationConfiguration : IEntityTypeConfiguration<WrittenCallbackInvitation>
{
    public void Configure(EntityTypeBuilder<WrittenCallbackInvitation> b)
    {
        b.Property(x => x.Comments).HasMaxLength(2000);
        b.HasOne<Estate>().WithMany().HasForeignKey(x => x.EstateId);
        b.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId);
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.AnsweredByPersonId);
        b.HasOne<Staff>().WithMany().HasForeignKey(x => x.EnteredByStaffId);
        // One sampled household per round, so one answer per household per round.
        b.HasIndex(x => new { x.RoundId, x.UnitId }).IsUnique();
        // The 30-day exclusion of the next draw.
        b.HasIndex(x => new { x.EstateId, x.InvitedAt });
    }
}
