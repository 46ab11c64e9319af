using OwnerPortal.Core.Surveys;

namespace OwnerPortal.UnitTests.Surveys;

public class SurveyBannerTests
{
    [Theory]
    [InlineData(false, false, "Survey.Banner.Invite")]
    [InlineData(false, true, "Survey.Banner.Draft")]
    [InlineData(true, false, "Survey.Banner.Answered")]
    [InlineData(true, true, "Survey.Banner.AnsweredWithDraft")] // issue #18 defect 7: the draft stays in view
    public void The_banner_names_the_households_answer_and_this_persons_draft(bool answered, bool hasDraft, string key) =>
        Assert.Equal(key, new OwnerSurveys.Banner(1, "2026 下半年", new DateOnly(2026, 12, 17), answered, hasDraft).MessageKey);
}
