using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OwnerPortal.Core.Domain.Cases;
using OwnerPortal.Core.Domain.Estates;
using OwnerPortal.Core.Domain.People;
using OwnerPortal.Core.Domain.WorkOrders;

namespace OwnerPortal.Core.Data.Configurations;

public class WorkOrderConfiguration : IEntityTypeConfiguration<WorkOrder>
{
    public void Configure(EntityTypeBuilder<WorkOrder> b)
    {
        b.Property(x => x.Number).HasMaxLength(32);
        b.HasIndex(x => x.Number).IsUnique();
        b.Property(x => x.WorkerName).HasMaxLength(100);
        b.Property(x => x.Materials).HasMaxLength(2000);
        b.Property(x => x.IssuedBy).HasMaxLength(100);
        b.Property(x => x.QuoteLabour).HasPrecision(12, 2);
        b.Property(x => x.QuoteTotal).HasPrecision(12, 2);
        b.Property(x => x.QuoteDecidedBy).HasMaxLength(100);
        b.Property(x => x.QuoteDeclineReason).HasMaxLength(1000);
        b.Property(x => x.WorkDone).HasMaxLength(2000);
        b.Property(x => x.MaterialsUsed).HasMaxLength(2000);
        b.Property(x => x.SignOffComment).HasMaxLength(1000);
        b.Property(x => x.SignedOffBy).HasMaxLength(100);
        b.Property(x => x.CancelReason).HasMaxLength(1000);
        b.Property(x => x.Version).IsRowVersion(); // xmin
        // The quote's lines live with the order as one JSON document: always read and written together.
        b.OwnsMany(x => x.QuoteLines, l => l.ToJson());

        b.HasOne<Case>().WithMany(c => c.WorkOrders).HasForeignKey(x => x.CaseId);
        b.HasOne<Estate>().WithMany().HasForeignKey(x => x.EstateId);
        b.HasOne<Staff>().WithMany().HasForeignKey(x => x.WorkerStaffId);
        b.HasIndex(x => x.CaseId);
        b.HasIndex(x => x.EstateId);
        b.HasIndex(x => x.WorkerStaffId);
    }
}

public class WorkOrderCounterConfiguration : IEntityTypeConfiguration<WorkOrderCounter>
{
    public void Configure(EntityTypeBuilder<WorkOrderCounter> b)
    {
        b.HasKey(x => new { x.EstateId, x.Year });
        b.HasOne<Estate>().WithMany().HasForeignKey(x => x.EstateId);
    }
}
