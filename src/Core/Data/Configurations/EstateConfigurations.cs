using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OwnerPortal.Core.Domain.Estates;

namespace OwnerPortal.Core.Data.Configurations;

public class CompanySettingsConfiguration : IEntityTypeConfiguration<CompanySettings>
{
    public void Configure(EntityTypeBuilder<CompanySettings> b)
    {
        b.ToTable("company_settings");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.TimeZone).HasMaxLength(64);
        b.Property(x => x.MajorCompensationThreshold).HasPrecision(12, 2);
    }
}

public class CalendarDayConfiguration : IEntityTypeConfiguration<CalendarDay>
{
    public void Configure(EntityTypeBuilder<CalendarDay> b)
    {
        b.HasKey(x => x.Date);
        b.Property(x => x.Name).HasMaxLength(100);
    }
}

public class EstateConfiguration : IEntityTypeConfiguration<Estate>
{
    public void Configure(EntityTypeBuilder<Estate> b)
    {
        b.Property(x => x.Code).HasMaxLength(10);
        b.HasIndex(x => x.Code).IsUnique();
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.Address).HasMaxLength(400);
        b.Property(x => x.FloorAreaM2).HasPrecision(12, 2);
        b.Property(x => x.OfficePhone).HasMaxLength(40);
        b.Property(x => x.OfficeHours).HasMaxLength(100);
        b.Property(x => x.TimeZone).HasMaxLength(64);
        b.HasMany(x => x.Buildings).WithOne().HasForeignKey(x => x.EstateId);
        b.HasMany(x => x.PublicAreas).WithOne().HasForeignKey(x => x.EstateId);
        b.HasMany(x => x.Departments).WithOne().HasForeignKey(x => x.EstateId);
    }
}

public class BuildingConfiguration : IEntityTypeConfiguration<Building>
{
    public void Configure(EntityTypeBuilder<Building> b)
    {
        b.Property(x => x.Name).HasMaxLength(40);
        b.HasIndex(x => new { x.EstateId, x.Name }).IsUnique();
        b.HasMany(x => x.Units).WithOne().HasForeignKey(x => x.BuildingId);
    }
}

public class UnitConfiguration : IEntityTypeConfiguration<Unit>
{
    public void Configure(EntityTypeBuilder<Unit> b)
    {
        b.Property(x => x.Number).HasMaxLength(40);
        b.Property(x => x.AreaM2).HasPrecision(8, 2);
        b.HasOne<Estate>().WithMany().HasForeignKey(x => x.EstateId);
        // Unit lookup as you type and the per-estate unit register.
        b.HasIndex(x => new { x.EstateId, x.Number }).IsUnique();
    }
}

public class PublicAreaConfiguration : IEntityTypeConfiguration<PublicArea>
{
    public void Configure(EntityTypeBuilder<PublicArea> b) => b.Property(x => x.Name).HasMaxLength(100);
}

public class DepartmentConfiguration : IEntityTypeConfiguration<Department>
{
    public void Configure(EntityTypeBuilder<Department> b)
    {
        b.Property(x => x.Name).HasMaxLength(100);
        b.HasIndex(x => new { x.EstateId, x.Kind }).IsUnique();
    }
}
