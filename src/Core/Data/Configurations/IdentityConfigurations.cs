using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OwnerPortal.Core.Domain.Estates;
using OwnerPortal.Core.Domain.People;
using OwnerPortal.Core.Identity;
using OwnerPortal.Core.Mail;

namespace OwnerPortal.Core.Data.Configurations;

public class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> b) => b.Property(x => x.FullName).HasMaxLength(100);
}

public class ServerKeyConfiguration : IEntityTypeConfiguration<ServerKey>
{
    public void Configure(EntityTypeBuilder<ServerKey> b)
    {
        b.Property(x => x.Use).HasMaxLength(20);
        b.HasIndex(x => x.Use).IsUnique();
    }
}

public class BindingCodeConfiguration : IEntityTypeConfiguration<BindingCode>
{
    public void Configure(EntityTypeBuilder<BindingCode> b)
    {
        b.Property(x => x.CodeHash).HasMaxLength(64);
        b.HasIndex(x => x.CodeHash).IsUnique();
        b.HasIndex(x => x.UnitId);
        b.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId);
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.UsedByPersonId);
        b.HasOne<Staff>().WithMany().HasForeignKey(x => x.CreatedByStaffId);
    }
}

public class UnitLinkRequestConfiguration : IEntityTypeConfiguration<UnitLinkRequest>
{
    public void Configure(EntityTypeBuilder<UnitLinkRequest> b)
    {
        b.Property(x => x.Note).HasMaxLength(500);
        b.Property(x => x.Reason).HasMaxLength(500);
        b.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId);
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId);
        b.HasOne<Staff>().WithMany().HasForeignKey(x => x.DecidedByStaffId);
        b.HasIndex(x => new { x.Status, x.CreatedAt });
        // One pending request per person and unit: also a save retried after a lost commit acknowledgement adds no second.
        b.HasIndex(x => new { x.PersonId, x.UnitId }).IsUnique().HasFilter("status = 0");
        b.HasIndex(x => x.PersonId); // a person's requests of any status (the index above holds only pending ones)
    }
}

public class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.ToTable("outbox_messages");
        b.Property(x => x.Kind).HasMaxLength(60);
        b.Property(x => x.To).HasMaxLength(256);
        b.Property(x => x.ToName).HasMaxLength(100);
        b.Property(x => x.Subject).HasMaxLength(300);
        b.Property(x => x.LastError).HasMaxLength(2000);
        // The sender's claim query: queued messages whose next attempt is due.
        b.HasIndex(x => new { x.Status, x.NextAttemptAt });
        b.HasIndex(x => x.CreatedAt);
    }
}
