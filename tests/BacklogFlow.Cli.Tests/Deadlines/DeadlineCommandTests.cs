using System.CommandLine;
using System.Text.Json;
using BacklogFlow.Cli.Commands;

namespace BacklogFlow.Cli.Tests.Deadlines;

/// <summary>
/// `backlogflow deadline` invoked in-process on the workflows shipped beside the binary: the worked
/// examples of design.md §3 end to end, and one line on stderr with exit code 2 for every bad value.
/// </summary>
public sealed class DeadlineCommandTests
{
    [Fact]
    public void Invoke_VogNpReceivedTuesday2Nov2021_LegalDeadlineIsTuesday30Nov2021()
    {
        var json = Json("--product vog-np --received 2021-11-02");

        json.GetProperty("receivedOn").GetString().Should().Be("2021-11-02");
        json.GetProperty("termWeeks").GetInt32().Should().Be(4);
        json.GetProperty("suspendedDays").GetInt32().Should().Be(0);
        json.GetProperty("unadjustedEnd").GetString().Should().Be("2021-11-30");
        json.GetProperty("atwApplies").GetBoolean().Should().BeTrue();
        json.GetProperty("legalDeadline").GetString().Should().Be("2021-11-30");
        json.GetProperty("servicePromiseDeadline").ValueKind.Should().Be(JsonValueKind.Null);
        json.GetProperty("effectiveDueDate").GetString().Should().Be("2021-11-30");
        json.GetProperty("penalty").ValueKind.Should().Be(JsonValueKind.Null);
        Rules(json).Should().Equal(
            "received Tue 2 Nov 2021; term 4 weeks runs from Wed 3 Nov 2021",
            "ends Tue 30 Nov 2021, a working day");
    }

    [Fact]
    public void Invoke_ReceivedSaturday27Nov2021_ChristmasEndMovesToMonday27Dec2021()
    {
        var json = Json("--product vog-np --received 2021-11-27");
        var text = Succeeds("--product vog-np --received 2021-11-27");

        json.GetProperty("unadjustedEnd").GetString().Should().Be("2021-12-25");
        json.GetProperty("legalDeadline").GetString().Should().Be("2021-12-27");
        text.Should().Contain("ends Sat 25 Dec 2021 → Atw → Mon 27 Dec 2021");
        text.Should().Contain("legal deadline     Mon 27 Dec 2021");
    }

    [Fact]
    public void Invoke_VogNpRecordFound_EightWeeksToTuesday28Dec2021()
    {
        var json = Json("--product vog-np --received 2021-11-02 --record");

        json.GetProperty("recordExtensionWeeks").GetInt32().Should().Be(4);
        json.GetProperty("termWeeks").GetInt32().Should().Be(8);
        json.GetProperty("legalDeadline").GetString().Should().Be("2021-12-28");
        Rules(json).Should().Contain(r => r.Contains("(record extension)", StringComparison.Ordinal));
    }

    [Fact]
    public void Invoke_VogRp_EightWeeksWithoutARecord()
    {
        var json = Json("--product vog-rp --received 2021-11-02");

        json.GetProperty("termWeeks").GetInt32().Should().Be(8);
        json.GetProperty("legalDeadline").GetString().Should().Be("2021-12-28");
    }

    [Fact]
    public void Invoke_SuspensionOfFourDays_PushesTheEndPastTheWeekend()
    {
        var json = Json("--product vog-np --received 2021-11-02 --suspend 2021-11-05..2021-11-08");

        json.GetProperty("suspendedDays").GetInt32().Should().Be(4);
        json.GetProperty("unadjustedEnd").GetString().Should().Be("2021-12-04");
        json.GetProperty("legalDeadline").GetString().Should().Be("2021-12-06");
        Rules(json).Should().Contain("suspended 4 days (request to complete, 5–8 Nov 2021)");
    }

    [Fact]
    public void Invoke_ForceMajeureWithItsNotice_IsCounted()
    {
        var json = Json("--product vog-np --received 2021-11-02 --suspend 2021-11-10..2021-11-12:force-majeure@2021-11-09");

        json.GetProperty("suspendedDays").GetInt32().Should().Be(3);
        json.GetProperty("legalDeadline").GetString().Should().Be("2021-12-03");
        Rules(json).Should().Contain("suspended 3 days (force majeure, noticed Tue 9 Nov 2021, 10–12 Nov 2021)");
    }

    [Fact]
    public void Invoke_TwoSuspensionsOverlapping_CountOnce()
    {
        var json = Json(
            "--product vog-np --received 2021-11-02 --suspend 2021-11-05..2021-11-08 --suspend 2021-11-07..2021-11-09:applicant-consent");

        json.GetProperty("suspendedDays").GetInt32().Should().Be(5);
    }

    [Fact]
    public void Invoke_ExtendedTwoWeeks_TermOfSixWeeksWithTheReasonSaid()
    {
        var json = Json("--product vog-np --received 2021-11-02 --extend-weeks 2");

        json.GetProperty("extensionWeeks").GetInt32().Should().Be(2);
        json.GetProperty("termWeeks").GetInt32().Should().Be(6);
        json.GetProperty("legalDeadline").GetString().Should().Be("2021-12-14");
        Rules(json).Should().Contain(
            "extended by 2 weeks (no reason given on the command line), noticed Tue 2 Nov 2021: extensions 2 weeks of at most 4 weeks");
    }

    [Fact]
    public void Invoke_ExtensionWithReasonAndNotice_RecordsBoth()
    {
        var json = Json(
            "--product vog-np --received 2021-11-02 --extend-weeks 2 --extend-reason \"backlog after the outage\" --extend-notice 2021-11-20");

        json.GetProperty("legalDeadline").GetString().Should().Be("2021-12-14");
        Rules(json).Should().Contain(
            "extended by 2 weeks (backlog after the outage), noticed Sat 20 Nov 2021: extensions 2 weeks of at most 4 weeks");
    }

    [Fact]
    public void Invoke_IntendedSubmissionDate_GivesTheEarlierServicePromise()
    {
        var json = Json("--product vog-np --received 2021-11-02 --intended 2021-10-20");

        json.GetProperty("legalDeadline").GetString().Should().Be("2021-11-30");
        json.GetProperty("servicePromiseDeadline").GetString().Should().Be("2021-11-17");
        json.GetProperty("effectiveDueDate").GetString().Should().Be("2021-11-17");
    }

    [Fact]
    public void Invoke_NoticeOfDefaultAfterTheDeadline_GivesTheFullPenaltySchedule()
    {
        var json = Json("--product vog-np --received 2021-11-02 --notice 2021-12-10");

        var penalty = json.GetProperty("penalty");
        penalty.GetProperty("noticeReceivedOn").GetString().Should().Be("2021-12-10");
        penalty.GetProperty("firstDay").GetString().Should().Be("2021-12-24");
        penalty.GetProperty("lastDay").GetString().Should().Be("2022-02-03");
        penalty.GetProperty("bands").EnumerateArray()
            .Select(b => (b.GetProperty("from").GetString(), b.GetProperty("perDay").GetDecimal(), b.GetProperty("daysCounted").GetInt32(), b.GetProperty("amount").GetDecimal()))
            .Should().Equal(("2021-12-24", 23m, 14, 322m), ("2022-01-07", 35m, 14, 490m), ("2022-01-21", 45m, 14, 630m));
        penalty.GetProperty("total").GetDecimal().Should().Be(1442m);
        penalty.GetProperty("maximum").GetDecimal().Should().Be(1442m);
    }

    [Fact]
    public void Invoke_NoticeOfDefaultAsOfADate_CountsTheExposureToThatDate()
    {
        var json = Json("--product vog-np --received 2021-11-02 --notice 2021-12-10 --as-of 2022-01-05");
        var text = Succeeds("--product vog-np --received 2021-11-02 --notice 2021-12-10 --as-of 2022-01-05");

        json.GetProperty("asOf").GetString().Should().Be("2022-01-05");
        json.GetProperty("penalty").GetProperty("daysCounted").GetInt32().Should().Be(13);
        json.GetProperty("penalty").GetProperty("total").GetDecimal().Should().Be(299m);
        text.Should().Contain("  band 1           Fri 24 Dec 2021 – Thu 6 Jan 2022  €23 a day  13 days  €299");
        text.Should().Contain("€299 (13 days, as of Wed 5 Jan 2022); at most €1,442");
    }

    [Fact]
    public void Invoke_PrematureNotice_NoPenaltyAndSaysWhy()
    {
        var json = Json("--product vog-np --received 2021-11-02 --notice 2021-11-20");

        json.GetProperty("penalty").ValueKind.Should().Be(JsonValueKind.Null);
        Rules(json).Should().Contain(r => r.Contains("a premature notice does not count", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("--product vog-xx --received 2021-11-02", "unknown product 'vog-xx'; the known products are gva, vog-np, vog-rp")]
    [InlineData("--product vog-np --received 2021-02-30", "--received '2021-02-30' is not a date")]
    [InlineData("--product vog-np --received 2-11-2021", "--received '2-11-2021' is not a date")]
    [InlineData("--product vog-np --received 2021-11-02 --suspend 2021-11-10..2021-11-05", "suspension 2021-11-10..2021-11-05 (request to complete) ends before it starts")]
    [InlineData("--product vog-np --received 2021-11-02 --suspend 2021-11-10", "--suspend '2021-11-10' is not a suspension: write FROM..TO[:REASON][@NOTICE]")]
    [InlineData("--product vog-np --received 2021-11-02 --suspend 2021-11-10..2021-11-31", "the last day '2021-11-31' is not a date")]
    [InlineData("--product vog-np --received 2021-11-02 --suspend 2021-11-05..2021-11-08:holiday", "unknown reason 'holiday'; the reasons are request-to-complete, applicant-consent, attributable-to-applicant, force-majeure")]
    [InlineData("--product vog-np --received 2021-11-02 --suspend 2021-11-05..2021-11-08:force-majeure", "a suspension for force majeure needs the date of its notice")]
    [InlineData("--product vog-np --received 2021-11-02 --extend-weeks 5", "extensions of 5 weeks in total are refused: the definition allows at most 4 weeks")]
    [InlineData("--product vog-np --received 2021-11-02 --extend-weeks 0", "an extension is at least one week")]
    [InlineData("--product vog-np --received 2021-11-02 --extend-weeks two", "--extend-weeks 'two' is not a whole number of weeks")]
    [InlineData("--product vog-np --received 2021-11-02 --extend-weeks 2 --extend-notice 2021-12-01", "a term can only be extended before it has ended")]
    [InlineData("--product vog-np --received 2021-11-02 --extend-notice 2021-11-10", "--extend-reason and --extend-notice go with --extend-weeks")]
    [InlineData("--product vog-np --received 2021-11-02 --notice 2021-13-01", "--notice '2021-13-01' is not a date")]
    [InlineData("--product vog-np --received 2021-11-02 --intended 2021-11-20", "the intended submission date 2021-11-20 is after the receipt 2021-11-02")]
    [InlineData("--product vog-np --received 2021-11-02 --workflows /nonexistent/workflows", "--workflows '/nonexistent/workflows' is not a directory")]
    public void Invoke_BadValue_OneLineOnStderrAndExitCode2(string commandLine, string expected)
    {
        var (exitCode, output, error) = Invoke(commandLine);

        exitCode.Should().Be(2);
        output.Should().BeEmpty();
        error.Should().StartWith("backlogflow: ").And.Contain(expected).And.EndWith(Environment.NewLine);
        error.TrimEnd().Should().NotContain("\n");
    }

    [Fact]
    public void Invoke_WorkflowsFolderWithoutDefinitions_OneLineOnStderrAndExitCode2()
    {
        var empty = Directory.CreateTempSubdirectory("backlogflow-deadline-");
        try
        {
            var (exitCode, _, error) = Invoke($"--product vog-np --received 2021-11-02 --workflows {empty.FullName}");

            exitCode.Should().Be(2);
            error.Should().StartWith("backlogflow: ").And.Contain("no workflow definitions");
            error.TrimEnd().Should().NotContain("\n");
        }
        finally
        {
            empty.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("--received 2021-11-02", "--product")]
    [InlineData("--product vog-np", "--received")]
    public void Parse_MissingRequiredOption_UsageError(string commandLine, string expected)
    {
        var result = Root().Parse($"deadline {commandLine}");

        string.Join("\n", result.Errors.Select(e => e.Message)).Should().Contain(expected);
    }

    private static RootCommand Root() => new() { DeadlineCommand.Create() };

    private static (int ExitCode, string Output, string Error) Invoke(string commandLine)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = Root().Parse($"deadline {commandLine}").Invoke(
            new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        return (exitCode, output.ToString(), error.ToString());
    }

    private static string Succeeds(string commandLine)
    {
        var (exitCode, output, error) = Invoke(commandLine);
        error.Should().BeEmpty();
        exitCode.Should().Be(0);
        return output;
    }

    private static JsonElement Json(string commandLine)
    {
        using var document = JsonDocument.Parse(Succeeds($"{commandLine} --json"));
        return document.RootElement.Clone();
    }

    private static List<string> Rules(JsonElement json) =>
        [.. json.GetProperty("appliedRules").EnumerateArray().Select(r => r.GetString()!)];
}
