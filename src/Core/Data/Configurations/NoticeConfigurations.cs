using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OwnerPortal.Core.Domain.Estates;
using OwnerPortal.Core.Domain.Notices;

namespace OwnerPortal.Core.Data.Configurations;

public class NoticeConfiguration : IEntityTypeConfiguration<Notice>
{
    public void Configure(EntityTypeBuilder<Notice> b)
    {
        b.Property(x => x.Title).HasMaxLength(200);
        b.Property(x => x.BodyMarkdown).HasMaxLength(40_000);
        b.Property(x => x.PublishedBy).HasMaxLength(100);
        b.Property(x => x.Version).IsRowVersion();
        b.HasOne<Estate>().WithMany().HasForeignKey(x => x.EstateId);
        // One monthly notice per estate and month.
        b.HasIndex(x => new { x.EstateId, x.Month }).IsUnique().HasFilter("month IS NOT NULL");
        // The Portal archive and the pinned notices: an estate's notices newest first.
        b.HasIndex(x => new { x.EstateId, x.Status, x.PublishedAt });
    }
}
