using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OwnerPortal.Core.Domain.Estates;
using OwnerPortal.Core.Domain.People;
using OwnerPortal.Core.Domain.Reports;

namespace OwnerPortal.Core.Data.Configurations;

public class MonthlyReportConfiguration : IEntityTypeConfiguration<MonthlyReport>
{
    public void Configure(EntityTypeBuilder<MonthlyReport> b)
    {
        b.Property(x => x.ManagerComment).HasMaxLength(4000);
        b.Property(x => x.SignedBy).HasMaxLength(100);
        b.Property(x => x.FrozenFigures).HasColumnType("jsonb");
        b.Property(x => x.Version).IsRowVersion();
        b.HasOne<Estate>().WithMany().HasForeignKey(x => x.EstateId);
        b.HasOne<Staff>().WithMany().HasForeignKey(x => x.SignedByStaffId);
        b.HasIndex(x => new { x.EstateId, x.Kind, x.Month }).IsUnique();
    }
}

public class RectificationConfiguration : IEntityTypeConfiguration<Rectification>
{
    public void Configure(EntityTypeBuilder<Rectification> b)
    {
        b.Property(x => x.SourceKey).HasMaxLength(100);
        b.Property(x => x.Problem).HasMaxLength(2000);
        b.Property(x => x.Cause).HasMaxLength(2000);
        b.Property(x => x.Action).HasMaxLength(2000);
        b.Property(x => x.ResponsibleName).HasMaxLength(100);
        b.Property(x => x.CompletionNote).HasMaxLength(2000);
        b.Property(x => x.Version).IsRowVersion();
        b.HasOne<Estate>().WithMany().HasForeignKey(x => x.EstateId);
        b.HasOne<Staff>().WithMany().HasForeignKey(x => x.ResponsibleStaffId);
        // An estate's open items by due date; the items of one finding.
        b.HasIndex(x => new { x.EstateId, x.Status, x.DueOn });
        b.HasIndex(x => new { x.EstateId, x.Source, x.SourceKey });
    }
}
