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

        // Every index on cases names the query it serves (docs/decisions/ADR-010-owner-page-speed.md): each one is
        // weighed by the planner on every query over cases and written on every insert and update.
        // The primary key: a case by id (case pages, followers, events). The unique reference: staff search (WorkQueues.Search).
        // An owner's case list (OwnerCases.ListFor): cases of their unit, newest first, keyset-paged on
        // (received_at, id); OwnerCaseListQueryTests asserts it.
        b.HasIndex(x => new { x.UnitId, x.ReceivedAt, x.Id }).IsDescending(false, true, true);
        // Staff queues New / Awaiting acknowledgement / Awaiting verification of one estate: one status by due time.
        b.HasIndex(x => new { x.EstateId, x.Status, x.NextDueAt, x.Id });
        // Everything by month, per estate (reports, monthly notices, KPI drill-down) and company-wide (the company case
        // list of the dashboards, survey reports).
        b.HasIndex(x => new { x.EstateId, x.ReceivedAt });
        b.HasIndex(x => x.ReceivedAt);
        // A double submit of the portal form finds the case it already made (CaseIntake). It also covers the reporter
        // foreign key for EF; no page reads cases by reporter (the owner's list reads by unit and followers), and
        // people are never deleted, so the former (reporter_person_id, received_at, id) index was dropped (ADR-010).
        b.HasIndex(x => new { x.ReporterPersonId, x.IdempotencyKey }).IsUnique().HasFilter("idempotency_key IS NOT NULL");
        // ... and of a case staff took in for someone without a person record.
        b.HasIndex(x => x.IdempotencyKey).IsUnique().HasFilter("idempotency_key IS NOT NULL AND reporter_person_id IS NULL");
        // Duplicate check before filing a public-area case ("me too").
        b.HasIndex(x => new { x.PublicAreaId, x.Category, x.Status }).HasFilter("public_area_id IS NOT NULL");
        // The escalation sweep: open complaints not yet escalated and not waiting on the developer, by when they fall
        // due (EscalationSweep, CaseWaiting).
        b.HasIndex(x => x.EscalationDueAt).HasDatabaseName("ix_cases_escalation_sweep")
            .HasFilter("type = 0 AND status < 5 AND escalated_at IS NULL AND NOT is_test AND waiting_on_developer_since IS NULL");
        // KPI drill-down by department over closed cases too (KpiDrillDown), and the department foreign key.
        // (Assigned staff: the Assigned-to-me queue reads ix_cases_open_by_staff, which also covers that foreign key
        // for EF; staff are never deleted, so the full ix_cases_assigned_staff_id was dropped.)
        b.HasIndex(x => x.AssignedDepartmentId);
        // Who signed a plan off: no query reads it; EF keeps an index for every foreign key, so it is kept to the
        // few signed-off rows (a staff row's deletion, never done today, still finds them).
        b.HasIndex(x => x.PlanSignedOffByStaffId).HasFilter("plan_signed_off_by_staff_id IS NOT NULL");
        // Workbench queues (WorkQueues): partial indexes over open cases only (next_due_at is set exactly while a
        // case waits on a step), so they stay small however many closed cases pile up. Overdue of one estate,
        // My department, Assigned to me, Escalated of one estate (WorkbenchQueueQueryTests).
        b.HasIndex(x => new { x.EstateId, x.NextDueAt, x.Id }, "ix_cases_open_by_estate").HasDatabaseName("ix_cases_open_by_estate").HasFilter("next_due_at IS NOT NULL");
        b.HasIndex(x => new { x.AssignedDepartmentId, x.NextDueAt, x.Id }, "ix_cases_open_by_department").HasDatabaseName("ix_cases_open_by_department").HasFilter("next_due_at IS NOT NULL");
        b.HasIndex(x => new { x.AssignedStaffId, x.NextDueAt, x.Id }, "ix_cases_open_by_staff").HasDatabaseName("ix_cases_open_by_staff").HasFilter("next_due_at IS NOT NULL");
        b.HasIndex(x => new { x.EstateId, x.NextDueAt, x.Id }, "ix_cases_escalated").HasDatabaseName("ix_cases_escalated")
            .HasFilter("escalated_at IS NOT NULL AND status <> 7 AND status <> 8"); // not Closed, not Withdrawn
        // The company-wide overdue queue (quality office, no estate to narrow it): open cases not waiting on the
        // developer, by due time; measured in CompanyQueueQueryTests.
        b.HasIndex(x => new { x.NextDueAt, x.Id }, "ix_cases_overdue_company").HasDatabaseName("ix_cases_overdue_company")
            .HasFilter("next_due_at IS NOT NULL AND waiting_on_developer_since IS NULL AND NOT is_test");
        // ... the company-wide New, Awaiting acknowledgement and Awaiting verification queues and their tab counts: one
        // status by due time (the estate index above, skip-scanned across 1,000 estates, took 0.2-0.5 s a count at
        // 5 M cases; this one 3-8 ms)...
        b.HasIndex(x => new { x.Status, x.NextDueAt, x.Id }, "ix_cases_received_or_resolved_company").HasDatabaseName("ix_cases_received_or_resolved_company")
            .HasFilter("status IN (0, 5) AND NOT is_test"); // Received, Resolved
        // ... and the company-wide escalated queue, by due time (open escalated cases first, then the resolved ones).
        b.HasIndex(x => new { x.NextDueAt, x.Id }, "ix_cases_escalated_company").HasDatabaseName("ix_cases_escalated_company")
            .HasFilter("escalated_at IS NOT NULL AND status <> 7 AND status <> 8 AND NOT is_test");
        // Cases waiting on the developer (CaseWaiting): few at any time, listed and counted for KPIs.
        b.HasIndex(x => x.WaitingOnDeveloperSince).HasFilter("waiting_on_developer_since IS NOT NULL");
        // Workbench search (WorkQueues.Search) by the reporter's exact name or phone digits.
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
