using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OwnerPortal.Core.Domain.Cases;
using OwnerPortal.Core.Domain.Estates;
using OwnerPortal.Core.Domain.Hotline;
using OwnerPortal.Core.Domain.People;

namespace OwnerPortal.Core.Data.Configurations;

public class HotlineTicketConfiguration : IEntityTypeConfiguration<HotlineTicket>
{
    public void Configure(EntityTypeBuilder<HotlineTicket> b)
    {
        b.Property(x => x.CallerName).HasMaxLength(100);
        b.Property(x => x.CallerPhone).HasMaxLength(20);
        b.Property(x => x.Subject).HasMaxLength(4000);
        b.Property(x => x.TakenByName).HasMaxLength(100);
        b.Property(x => x.HandlingFileNote).HasMaxLength(2000);
        b.Property(x => x.HandlingFileSentBy).HasMaxLength(100);
        b.Property(x => x.FirstResponseText).HasMaxLength(2000);
        b.Property(x => x.FirstResponseBy).HasMaxLength(100);
        b.Property(x => x.CompletionText).HasMaxLength(2000);
        b.Property(x => x.CompletedBy).HasMaxLength(100);
        b.Property(x => x.ClosingNote).HasMaxLength(2000);
        b.Property(x => x.ClosedBy).HasMaxLength(100);
        b.Property(x => x.Version).IsRowVersion();

        b.HasOne<Estate>().WithMany().HasForeignKey(x => x.EstateId);
        b.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId);
        b.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId);
        b.HasOne<Staff>().WithMany().HasForeignKey(x => x.TakenByStaffId);

        // The desk list and the daily report: by receipt; an estate's open handling files.
        b.HasIndex(x => x.ReceivedAt);
        b.HasIndex(x => new { x.EstateId, x.ReceivedAt });
        // One open desk matter per case: a second appeal of the same case joins the open one.
        b.HasIndex(x => x.CaseId).IsUnique().HasFilter("case_id IS NOT NULL AND closed_at IS NULL");
        b.HasIndex(x => x.UnitId);
        b.HasIndex(x => x.TakenByStaffId);
    }
}
