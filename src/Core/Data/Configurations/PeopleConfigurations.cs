using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OwnerPortal.Core.Domain.Estates;
using OwnerPortal.Core.Domain.People;
using OwnerPortal.Core.Identity;

namespace OwnerPortal.Core.Data.Configurations;

public class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> b)
    {
        b.ToTable("people");
        b.Property(x => x.FullName).HasMaxLength(100);
        b.Property(x => x.Phone).HasMaxLength(20);
        b.Property(x => x.Email).HasMaxLength(256);
        b.HasIndex(x => x.UserId).IsUnique().HasFilter("user_id IS NOT NULL");
        b.HasIndex(x => x.Phone);
        b.Property(x => x.MailOnProgress).HasDefaultValue(true);
        b.Property(x => x.Language).HasMaxLength(10).HasDefaultValue(Localization.SiteCultures.DefaultName);
        b.HasMany(x => x.Units).WithOne().HasForeignKey(x => x.PersonId);
        b.HasOne<AppUser>().WithOne().HasForeignKey<Person>(x => x.UserId);
        b.HasOne<Unit>().WithMany().HasForeignKey(x => x.ActiveUnitId);
    }
}

public class UnitMembershipConfiguration : IEntityTypeConfiguration<UnitMembership>
{
    public void Configure(EntityTypeBuilder<UnitMembership> b)
    {
        b.HasOne(x => x.Unit).WithMany().HasForeignKey(x => x.UnitId);
        b.Property(x => x.RevokedBy).HasMaxLength(100);
        b.HasIndex(x => new { x.PersonId, x.UnitId });
        b.HasIndex(x => x.UnitId);
    }
}

public class CommitteeMembershipConfiguration : IEntityTypeConfiguration<CommitteeMembership>
{
    public void Configure(EntityTypeBuilder<CommitteeMembership> b)
    {
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId);
        b.HasOne<Estate>().WithMany().HasForeignKey(x => x.EstateId);
    }
}

public class StaffConfiguration : IEntityTypeConfiguration<Staff>
{
    public void Configure(EntityTypeBuilder<Staff> b)
    {
        b.ToTable("staff");
        b.Property(x => x.FullName).HasMaxLength(100);
        b.Property(x => x.Email).HasMaxLength(256);
        b.HasIndex(x => x.Email).IsUnique();
        b.Property(x => x.Phone).HasMaxLength(20);
        b.Property(x => x.Language).HasMaxLength(10).HasDefaultValue(Localization.SiteCultures.DefaultName);
        b.HasIndex(x => x.UserId).IsUnique().HasFilter("user_id IS NOT NULL");
        b.HasOne<AppUser>().WithOne().HasForeignKey<Staff>(x => x.UserId);
        b.HasOne<Estate>().WithMany().HasForeignKey(x => x.EstateId);
        b.HasOne<Department>().WithMany().HasForeignKey(x => x.DepartmentId);
        b.Ignore(x => x.IsCompanyLevel);
    }
}
