using OwnerPortal.Ops.Load;

namespace OwnerPortal.UnitTests.Load;

/// <summary>bench/submit.sh reads the driver's options and its result line; both are checked here.</summary>
public class SubmitBenchTests
{
    [Fact]
    public void Options_are_read_with_their_defaults()
    {
        var o = SubmitBench.Options.Parse(["--portal", "http://127.0.0.1:5181", "--owners", "a@x.cn, b@x.cn", "--photo", "1", "--duration", "2.5"], TextWriter.Null)!;
        Assert.Equal(new Uri("http://127.0.0.1:5181"), o.Portal);
        Assert.Equal(["a@x.cn", "b@x.cn"], o.Owners);
        Assert.Equal("/Cases/New", o.Path);
        Assert.True(o.Photo);
        Assert.Equal(TimeSpan.FromSeconds(2.5), o.Duration);
    }

    [Theory]
    [InlineData("--owners", "a@x.cn")]                                                            // no portal
    [InlineData("--portal", "http://h", "--owners", "")]                                           // no owners
    [InlineData("--portal", "http://h", "--owners", "a@x.cn", "--photo", "yes")]
    [InlineData("--portal", "http://h", "--owners", "a@x.cn", "--duration", "0")]
    [InlineData("--portal", "http://h", "--owners", "a@x.cn", "--path", "Cases/New")]
    [InlineData("--portal", "http://h", "--owners", "a@x.cn", "--rate", "5")]                      // not an option here
    [InlineData("--portal", "http://h", "--owners")]                                               // value missing
    public void Nonsense_is_refused_with_the_usage(params string[] args)
    {
        var errors = new StringWriter();
        Assert.Null(SubmitBench.Options.Parse(args, errors));
        Assert.Contains("usage:", errors.ToString());
    }

    [Fact]
    public void The_result_line_gives_successful_submits_per_second_and_their_percentiles()
    {
        var o = SubmitBench.Options.Parse(["--portal", "http://h", "--owners", "a@x.cn,b@x.cn"], TextWriter.Null)!;
        var line = SubmitBench.Line(o, ok: 40, failed: 2, seconds: 8, Enumerable.Range(1, 40).Select(i => (double)i));
        Assert.Equal("submit path=/Cases/New owners=2 photo=0 ok=40 failed=2 seconds=8.0 rps=5.0 p50=20.0 p95=38.0", line);
    }
}
