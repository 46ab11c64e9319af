using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OwnerPortal.Core.Domain.Estates;
using OwnerPortal.Core.Domain.People;
using OwnerPortal.Core.Domain.Surveys;

namespace OwnerPortal.Core.Data.Configurations;

public class SurveyRoundConfiguration : IEntityTypeConfiguration<SurveyRound>
{
    public void Configure(EntityTypeBuilder<SurveyRound> b)
    {
        b.Property(x => x.Title).HasMaxLength(100);
        b.HasMany(x => x.Estates).WithOne().HasForeignKey(x => x.RoundId);
        b.HasIndex(x => x.OpensOn);
    }
}

public class SurveyParticipationConfiguration : IEntityTypeConfiguration<SurveyParticipation>
{
    public void Configure(EntityTypeBuilder<SurveyParticipation> b)
    {
        b.HasOne<Estate>().WithMany().HasForeignKey(x => x.EstateId);
        b.HasIndex(x => new { x.RoundId, x.EstateId }).IsUnique();
        b.HasIndex(x => x.EstateId);
    }
}

public class SurveyQuestionConfiguration : IEntityTypeConfiguration<SurveyQuestion>
{
    public void Configure(EntityTypeBuilder<SurveyQuestion> b)
    {
        b.Property(x => x.Text).HasMaxLength(300);
        b.HasOne<SurveyRound>().WithMany().HasForeignKey(x => x.RoundId);
        b.HasOne<Estate>().WithMany().HasForeignKey(x => x.EstateId);
        b.HasIndex(x => new { x.RoundId, x.EstateId, x.Position });
    }
}

public class SurveyResponseConfiguration : IEntityTypeConfiguration<SurveyResponse>
{
    public void Configure(EntityTypeBuilder<SurveyResponse> b)
    {
        b.HasOne<SurveyRound>().WithMany().HasForeignKey(x => x.RoundId);
        b.HasOne<Estate>().WithMany().HasForeignKey(x => x.EstateId);
        b.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId);
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId);
        b.HasOne<Staff>().WithMany().HasForeignKey(x => x.EnteredByStaffId);
        b.HasMany(x => x.Answers).WithOne().HasForeignKey(x => x.ResponseId).OnDelete(DeleteBehavior.Cascade);
        // One counted answer per household and round; one draft per person, household and round.
        b.HasIndex(x => new { x.RoundId, x.UnitId }).IsUnique().HasFilter("is_current").HasDatabaseName("ix_survey_responses_counted");
        b.HasIndex(x => new { x.RoundId, x.UnitId, x.PersonId }).IsUnique().HasFilter("submitted_at IS NULL").HasDatabaseName("ix_survey_responses_draft");
        b.HasIndex(x => new { x.RoundId, x.EstateId });
    }
}

public class SurveyAnswerConfiguration : IEntityTypeConfiguration<SurveyAnswer>
{
    public void Configure(EntityTypeBuilder<SurveyAnswer> b)
    {
        b.Property(x => x.Text).HasMaxLength(500);
        b.HasOne<SurveyQuestion>().WithMany().HasForeignKey(x => x.QuestionId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.ResponseId);
    }
}

public class SurveyPublicationConfiguration : IEntityTypeConfiguration<SurveyPublication>
{
    public void Configure(EntityTypeBuilder<SurveyPublication> b)
    {
        b.HasOne<SurveyRound>().WithMany().HasForeignKey(x => x.RoundId);
        b.HasOne<Estate>().WithMany().HasForeignKey(x => x.EstateId);
        b.HasOne<Staff>().WithMany().HasForeignKey(x => x.PublishedByStaffId);
        b.HasIndex(x => new { x.RoundId, x.EstateId }).IsUnique();
    }
}

public class RectificationItemConfiguration : IEntityTypeConfiguration<RectificationItem>
{
    public void Configure(EntityTypeBuilder<RectificationItem> b)
    {
        b.Property(x => x.Problem).HasMaxLength(300);
        b.Property(x => x.Action).HasMaxLength(500);
        b.Property(x => x.Progress).HasMaxLength(500);
        b.HasOne<SurveyRound>().WithMany().HasForeignKey(x => x.RoundId);
        b.HasOne<Estate>().WithMany().HasForeignKey(x => x.EstateId);
        b.HasIndex(x => new { x.RoundId, x.EstateId });
    }
}
