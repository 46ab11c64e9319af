using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OwnerPortal.Core.Kpis.Rollups;

namespace OwnerPortal.Core.Data.Configurations;

public class CaseCellConfiguration : IEntityTypeConfiguration<CaseCell>
{
    public void Configure(EntityTypeBuilder<CaseCell> b)
    {
        b.ToTable("kpi_case_cells");
        b.HasKey(x => new { x.EstateId, x.Month, x.Type, x.Category, x.Class, x.Channel, x.DepartmentId });
        b.Ignore(x => x.Key);
        // The company view ranks estates by their totals (in all, or of one category); a department reads the fine cells.
        // Covering (index-only scan): the totals of 1,000 estates are scattered over as many heap pages. By estate
        // within a category, so the small trends of a page of estates are a few probes.
        b.HasIndex(x => new { x.Category, x.EstateId, x.Month }).HasFilter("type = -1").HasDatabaseName("ix_kpi_case_cells_estate_totals")
            .IncludeProperties(x => new { x.Type, x.Class, x.Channel, x.DepartmentId, x.Counts });
        b.HasIndex(x => new { x.DepartmentId, x.Month });
    }
}

public class CallbackCellConfiguration : IEntityTypeConfiguration<CallbackCell>
{
    public void Configure(EntityTypeBuilder<CallbackCell> b)
    {
        b.ToTable("kpi_callback_cells");
        b.HasKey(x => new { x.EstateId, x.Month, x.Category, x.DepartmentId, x.StaffId });
        b.Ignore(x => x.Key);
        b.HasIndex(x => new { x.Category, x.Month }).HasFilter("department_id = -1 AND staff_id = -1").HasDatabaseName("ix_kpi_callback_cells_estate_totals");
    }
}

public class KpiRefreshConfiguration : IEntityTypeConfiguration<KpiRefresh>
{
    public void Configure(EntityTypeBuilder<KpiRefresh> b)
    {
        b.ToTable("kpi_refresh");
        b.HasKey(x => x.EstateId);
        b.HasIndex(x => x.NextChangeAt);
    }
}

public class KpiDirtyEstateConfiguration : IEntityTypeConfiguration<KpiDirtyEstate>
{
    public void Configure(EntityTypeBuilder<KpiDirtyEstate> b)
    {
        b.ToTable("kpi_dirty_estates");
        b.HasKey(x => x.EstateId);
        b.Property(x => x.EstateId).ValueGeneratedNever();
    }
}

public class SurveyCellConfiguration : IEntityTypeConfiguration<SurveyCell>
{
    public void Configure(EntityTypeBuilder<SurveyCell> b)
    {
        b.ToTable("kpi_survey_cells");
        b.HasKey(x => new { x.EstateId, x.RoundId });
        b.Ignore(x => x.Overall);
        b.HasIndex(x => x.RoundId);
    }
}

public class SurveyCellDirtyConfiguration : IEntityTypeConfiguration<SurveyCellDirty>
{
    public void Configure(EntityTypeBuilder<SurveyCellDirty> b)
    {
        b.ToTable("kpi_survey_dirty");
        b.HasKey(x => new { x.EstateId, x.RoundId });
    }
}

public class ScorecardSummaryConfiguration : IEntityTypeConfiguration<OwnerPortal.Core.Scorecards.ScorecardSummary>
{
    public void Configure(EntityTypeBuilder<OwnerPortal.Core.Scorecards.ScorecardSummary> b)
    {
        b.ToTable("scorecard_summaries");
        b.Property(x => x.Figures).HasColumnType("jsonb");
        b.HasIndex(x => new { x.EstateId, x.PublishedAt });
    }
}
