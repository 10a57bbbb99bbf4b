using BacklogFlow.Cli.Bench;

namespace BacklogFlow.Cli.Tests.Bench;

public sealed class CpuUseTests
{
    [Fact]
    public void Parse_CommandWithSpacesAndParentheses_FieldsCountedFromTheLastParenthesis()
    {
        // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime ...
        var stat = CpuUse.ProcessStat.Parse("4242 (postgres: a (b) c) S 17 4242 4242 0 -1 4194560 100 0 0 0 250 50 1200 300 20 0 1 0 1234 0 0");

        stat.Should().NotBeNull();
        stat!.Id.Should().Be(4242);
        stat.Command.Should().Be("postgres: a (b) c");
        stat.ParentId.Should().Be(17);
        stat.Own.Should().Be(TimeSpan.FromSeconds(3), "utime 250 + stime 50 ticks of 1/100 s");
        stat.ReapedChildren.Should().Be(TimeSpan.FromSeconds(15), "cutime 1200 + cstime 300");
    }

    [Theory]
    [InlineData("")]
    [InlineData("self (bash) S")]
    [InlineData("12 (bash) S 1 2")]
    public void Parse_NotAStatLine_Null(string line) => CpuUse.ProcessStat.Parse(line).Should().BeNull();

    [Fact]
    public async Task Measure_ThisProcessWorking_CountsItsCpu()
    {
        var (_, cpu) = await CpuUse.MeasureAsync(() => Task.Run(() =>
        {
            // Work the CPU until the kernel has counted at least two of its 10 ms ticks for us (or,
            // should /proc not count, give up after a while and let the assertion say so).
            var start = CpuUse.Now().Bench;
            var giveUp = System.Diagnostics.Stopwatch.StartNew();
            var spins = 0L;
            while (CpuUse.Now().Bench - start < TimeSpan.FromMilliseconds(20) && giveUp.Elapsed < TimeSpan.FromSeconds(10))
            {
                spins++;
            }

            return spins;
        }, TestContext.Current.CancellationToken));

        cpu.Bench.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(20));
    }
}
