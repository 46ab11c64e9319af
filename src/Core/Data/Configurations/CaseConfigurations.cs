using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OwnerPortal.Core.Domain.Cases;
using OwnerPortal.Core.Domain.Estates;
using OwnerPortal.Core.Domain.People;

namespace OwnerPortal.Core.Data.Configurations;

public class CaseConfiguration : IEntityTypeConfiguration<Case>
{
    public void Configure(EntityTypeBuilder<Case> b)
    {
        b.Property(x => x.Reference).HasMaxLength(24);
        b.HasIndex(x => x.Reference).IsUnique();
        b.Property(x => x.Description).HasMaxLength(4000);
        b.Property(x => x.PreferredContactTime).HasMaxLength(100);
        b.Property(x => x.ReporterName).HasMaxLength(100);
        b.Property(x => x.ReporterPhone).HasMaxLength(20);
        b.Property(x => x.HandlingPlan).HasMaxLength(4000);
        b.Property(x => x.SuggestionReply).HasMaxLength(2000);
        b.Property(x => x.CompensationClaimed).HasPrecision(12, 2);
        b.Property(x => x.Version).IsRowVersion(); // maps to xmin on Npgsql

        b.HasOne<Estate>().WithMany().HasForeignKey(x => x.EstateId);
        b.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId);
        b.HasOne<PublicArea>().WithMany().HasForeignKey(x => x.PublicAreaId);
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.ReporterPersonId);
        b.HasOne<Department>().WithMany().HasForeignKey(x => x.AssignedDepartmentId);
        b.HasOne<Staff>().WithMany().HasForeignKey(x => x.AssignedStaffId);
        b.HasOne<Staff>().WithMany().HasForeignKey(x => x.PlanSignedOffByStaffId);
        b.HasMany(x => x.Events).WithOne().HasForeignKey(x => x.CaseId);
        b.HasMany(x => x.Attachments).WithOne().HasForeignKey(x => x.CaseId);

        // An owner's case list: cases of their unit, newest first, keyset-paged on (received_at, id).
        b.HasIndex(x => new { x.UnitId, x.ReceivedAt, x.Id }).IsDescending(false, true, true);
        b.HasIndex(x => new { x.ReporterPersonId, x.ReceivedAt, x.Id }).IsDescending(false, true, true);
        // Staff queues: an estate's cases in one status by the due time of their current step.
        b.HasIndex(x => new { x.EstateId, x.Status, x.NextDueAt, x.Id });
        // Everything by month, per estate and company-wide.
        b.HasIndex(x => new { x.EstateId, x.ReceivedAt });
        b.HasIndex(x => x.ReceivedAt);
        // A double submit of the portal form finds the case it already made.
        b.HasIndex(x => new { x.ReporterPersonId, x.IdempotencyKey }).IsUnique().HasFilter("idempotency_key IS NOT NULL");
        // ... and of a case staff took in for someone without a person record.
        b.HasIndex(x => x.IdempotencyKey).IsUnique().HasFilter("idempotency_key IS NOT NULL AND reporter_person_id IS NULL");
        // Duplicate check before filing a public-area case ("me too").
        b.HasIndex(x => new { x.PublicAreaId, x.Category, x.Status }).HasFilter("public_area_id IS NOT NULL");
        // The escalation sweep: open complaints not yet escalated and not waiting on the developer, by when they fall
        // due (EscalationSweep, CaseWaiting).
        b.HasIndex(x => x.EscalationDueAt).HasDatabaseName("ix_cases_escalation_sweep")
            .HasFilter("type = 0 AND status < 5 AND escalated_at IS NULL AND NOT is_test AND waiting_on_developer_since IS NULL");
        // Foreign keys used by the workbench; the other FKs are covered by the indexes above.
        b.HasIndex(x => x.AssignedDepartmentId);
        b.HasIndex(x => x.AssignedStaffId);
        // Workbench queues (WorkQueues): partial indexes over open cases only (next_due_at is set exactly while a
        // case waits on a step), so they stay small however many closed cases pile up.
        b.HasIndex(x => new { x.EstateId, x.NextDueAt, x.Id }, "ix_cases_open_by_estate").HasDatabaseName("ix_cases_open_by_estate").HasFilter("next_due_at IS NOT NULL");
        b.HasIndex(x => new { x.AssignedDepartmentId, x.NextDueAt, x.Id }, "ix_cases_open_by_department").HasDatabaseName("ix_cases_open_by_department").HasFilter("next_due_at IS NOT NULL");
        b.HasIndex(x => new { x.AssignedStaffId, x.NextDueAt, x.Id }, "ix_cases_open_by_staff").HasDatabaseName("ix_cases_open_by_staff").HasFilter("next_due_at IS NOT NULL");
        b.HasIndex(x => new { x.EstateId, x.NextDueAt, x.Id }, "ix_cases_escalated").HasDatabaseName("ix_cases_escalated")
            .HasFilter("escalated_at IS NOT NULL AND status <> 7 AND status <> 8"); // not Closed, not Withdrawn
        // The company-wide overdue queue (quality office, no estate to narrow it): open cases not waiting on the
        // developer, by due time; measured in CompanyQueueQueryTests.
        b.HasIndex(x => new { x.NextDueAt, x.Id }, "ix_cases_overdue_company").HasDatabaseName("ix_cases_overdue_company")
            .HasFilter("next_due_at IS NOT NULL AND waiting_on_developer_since IS NULL AND NOT is_test");
        // ... and the company-wide escalated queue, by due time (open escalated cases first, then the resolved ones).
        b.HasIndex(x => new { x.NextDueAt, x.Id }, "ix_cases_escalated_company").HasDatabaseName("ix_cases_escalated_company")
            .HasFilter("escalated_at IS NOT NULL AND status <> 7 AND status <> 8 AND NOT is_test");
        // Cases waiting on the developer (CaseWaiting): few at any time, listed and counted for KPIs.
        b.HasIndex(x => x.WaitingOnDeveloperSince).HasFilter("waiting_on_developer_since IS NOT NULL");
        // Workbench search by the reporter's name or phone (digits).
        b.HasIndex(x => x.ReporterName);
        b.HasIndex(x => x.ReporterPhone);
    }
}

public class CaseEventConfiguration : IEntityTypeConfiguration<CaseEvent>
{
    public void Configure(EntityTypeBuilder<CaseEvent> b)
    {
        b.Property(x => x.ActorName).HasMaxLength(100);
        b.Property(x => x.Text).HasMaxLength(4000);
        b.HasIndex(x => new { x.CaseId, x.At });
        b.HasOne<Staff>().WithMany().HasForeignKey(x => x.ActorStaffId);
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.ActorPersonId);
    }
}

public class CaseAttachmentConfiguration : IEntityTypeConfiguration<CaseAttachment>
{
    public void Configure(EntityTypeBuilder<CaseAttachment> b)
    {
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.FileName).HasMaxLength(255);
        b.Property(x => x.ContentType).HasMaxLength(100);
        b.Property(x => x.StorageKey).HasMaxLength(300);
        b.Property(x => x.ThumbnailKey).HasMaxLength(300);
        b.HasIndex(x => x.CaseId);
        b.HasOne<CaseEvent>().WithMany().HasForeignKey(x => x.CaseEventId);
    }
}

public class CaseFollowerConfiguration : IEntityTypeConfiguration<CaseFollower>
{
    public void Configure(EntityTypeBuilder<CaseFollower> b)
    {
        b.HasKey(x => new { x.PersonId, x.CaseId });
        b.HasIndex(x => x.CaseId);
        b.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId);
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId);
    }
}

public class CaseReferenceCounterConfiguration : IEntityTypeConfiguration<CaseReferenceCounter>
{
    public void Configure(EntityTypeBuilder<CaseReferenceCounter> b)
    {
        b.HasKey(x => new { x.EstateId, x.Year });
        b.HasOne<Estate>().WithMany().HasForeignKey(x => x.EstateId);
    }
}
