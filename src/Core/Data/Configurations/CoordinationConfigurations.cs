using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OwnerPortal.Core.Domain.Cases;
using OwnerPortal.Core.Domain.People;

namespace OwnerPortal.Core.Data.Configurations;

public class DeveloperForwardingConfiguration : IEntityTypeConfiguration<DeveloperForwarding>
{
    public void Configure(EntityTypeBuilder<DeveloperForwarding> b)
    {
        b.ToTable("case_developer_forwardings");
        b.Property(x => x.What).HasMaxLength(2000);
        b.Property(x => x.ForwardedByName).HasMaxLength(100);
        b.Property(x => x.Answer).HasMaxLength(2000);
        b.HasOne<Case>().WithMany(c => c.DeveloperForwardings).HasForeignKey(x => x.CaseId);
        b.HasIndex(x => new { x.CaseId, x.ForwardedAt });
        b.HasOne<Staff>().WithMany().HasForeignKey(x => x.ForwardedByStaffId);
        b.HasOne<Staff>().WithMany().HasForeignKey(x => x.AnswerRecordedByStaffId);
        b.HasIndex(x => x.ForwardedByStaffId);
        b.HasIndex(x => x.AnswerRecordedByStaffId);
    }
}

public class ExternalCoordinationConfiguration : IEntityTypeConfiguration<ExternalCoordination>
{
    public void Configure(EntityTypeBuilder<ExternalCoordination> b)
    {
        b.ToTable("case_external_coordinations");
        b.Property(x => x.With).HasMaxLength(200).HasColumnName("coordinated_with"); // "with" is an SQL keyword
        b.Property(x => x.Agreed).HasMaxLength(2000);
        b.Property(x => x.OwnerExplanation).HasMaxLength(2000);
        b.Property(x => x.RecordedByName).HasMaxLength(100);
        b.HasOne<Case>().WithMany(c => c.ExternalCoordinations).HasForeignKey(x => x.CaseId);
        b.HasIndex(x => new { x.CaseId, x.CoordinatedAt });
        b.HasOne<Staff>().WithMany().HasForeignKey(x => x.RecordedByStaffId);
        b.HasIndex(x => x.RecordedByStaffId);
    }
}

public class MajorComplaintReportConfiguration : IEntityTypeConfiguration<MajorComplaintReport>
{
    public void Configure(EntityTypeBuilder<MajorComplaintReport> b)
    {
        b.HasKey(x => x.CaseId); // one special report per case
        b.HasOne<Case>().WithOne(c => c.SpecialReport).HasForeignKey<MajorComplaintReport>(x => x.CaseId);
        foreach (var text in new[] { nameof(MajorComplaintReport.Content), nameof(MajorComplaintReport.Cause), nameof(MajorComplaintReport.Handling),
                     nameof(MajorComplaintReport.Lessons), nameof(MajorComplaintReport.CorrectiveAction) })
            b.Property(text).HasMaxLength(4000);
        b.Property(x => x.WrittenByName).HasMaxLength(100);
        b.Property(x => x.ReviewedByName).HasMaxLength(100);
        b.HasOne<Staff>().WithMany().HasForeignKey(x => x.WrittenByStaffId);
        b.HasOne<Staff>().WithMany().HasForeignKey(x => x.ReviewedByStaffId);
        b.HasIndex(x => x.WrittenByStaffId);
        b.HasIndex(x => x.ReviewedByStaffId);
    }
}
