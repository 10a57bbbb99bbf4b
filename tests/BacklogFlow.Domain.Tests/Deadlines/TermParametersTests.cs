using BacklogFlow.Domain.Deadlines;
using BacklogFlow.Domain.Screening;
using BacklogFlow.Domain.Workflows;
using static BacklogFlow.Domain.Tests.TestSupport.Cases;
using static BacklogFlow.Domain.Tests.TestSupport.SampleDefinitions;

namespace BacklogFlow.Domain.Tests.Deadlines;

/// <summary>
/// The deadline parameters of a workflow definition (<c>term.atwMaxTermDays</c>,
/// <c>term.servicePromiseWeeks</c>), the Atw in the ledger, and the
/// spellings of suspension reasons.
/// </summary>
public sealed class TermParametersTests
{
    [Fact]
    public void LoadText_TermWithoutDeadlineParameters_GetsTheDefaults()
    {
        var term = WorkflowDefinitionLoader.LoadText(Valid, FileName).Term;

        term.AtwMaxTermDays.Should().Be(84);
        term.ServicePromiseWeeks.Should().Be(4);
        term.Should().Be(new StatutoryTerm(4, 4, 4, "See the statute."));
    }

    [Fact]
    public void LoadText_TermWithDeadlineParameters_ReadsThem()
    {
        var yaml = With("  maxExtensionWeeks: 4\n", "  maxExtensionWeeks: 4\n  atwMaxTermDays: 90\n  servicePromiseWeeks: 6\n");

        var term = WorkflowDefinitionLoader.LoadText(yaml, FileName).Term;

        term.AtwMaxTermDays.Should().Be(90);
        term.ServicePromiseWeeks.Should().Be(6);
    }

    [Theory]
    [InlineData("atwMaxTermDays: 400", "'term.atwMaxTermDays' must be from 0 to 366, not 400")]
    [InlineData("servicePromiseWeeks: 0", "'term.servicePromiseWeeks' must be from 1 to 52, not 0")]
    [InlineData("servicePromiseWeeks: four", "'term.servicePromiseWeeks' must be an integer, not 'four'")]
    public void LoadText_BadDeadlineParameter_FailsAtIt(string line, string problem)
    {
        var error = LoadFails(With("  maxExtensionWeeks: 4\n", $"  maxExtensionWeeks: 4\n  {line}\n"));

        error.Problem.Should().Be(problem);
        error.Line.Should().Be(7);
    }

    [Theory]
    [InlineData("vog-np")]
    [InlineData("vog-rp")]
    [InlineData("gva")]
    public void LoadFile_ShippedProducts_StateTheDeadlineParameters(string product)
    {
        var term = Catalog.Get(product).Term;

        term.AtwMaxTermDays.Should().Be(84);
        term.ServicePromiseWeeks.Should().Be(4);
    }

    [Theory]
    [InlineData(2021, 11, 2, null, 2021, 11, 30)]
    [InlineData(2021, 11, 27, null, 2021, 12, 27)]
    [InlineData(2021, 11, 2, ScreeningResult.Record, 2021, 12, 28)]
    [InlineData(2021, 10, 30, ScreeningResult.Record, 2021, 12, 27)]
    public void Compute_WithACalendar_AppliesTheAtw(
        int year, int month, int day, ScreeningResult? screening, int dueYear, int dueMonth, int dueDay)
    {
        var receivedAt = new DateTimeOffset(year, month, day, 11, 0, 0, TimeSpan.Zero);
        var ledger = DeadlineLedger.Start(receivedAt);
        if (screening == ScreeningResult.Record)
        {
            ledger = ledger.Record(new RecordFound(receivedAt), VogNp.Term, ShippedCalendar.Calendar);
        }

        ledger.Compute(VogNp.Term, ShippedCalendar.Calendar).LegalDeadline.Should().Be(new DateOnly(dueYear, dueMonth, dueDay));
    }

    [Fact]
    public void Compute_WithACalendarAndALongTerm_LeavesTheEndAlone()
    {
        var term = new StatutoryTerm(13, 0, 0, "see");

        DeadlineLedger.Start(new DateTimeOffset(2021, 10, 2, 11, 0, 0, TimeSpan.Zero))
            .Compute(term, ShippedCalendar.Calendar).LegalDeadline.Should().Be(new DateOnly(2022, 1, 1));
    }

    [Fact]
    public void Spellings_SuspensionReasons_AreTheDocumentedOnesAndParseBack()
    {
        YamlSpellings.SuspensionReasons.Should().Equal(
            "request-to-complete", "applicant-consent", "attributable-to-applicant", "force-majeure");
        foreach (var reason in Enum.GetValues<SuspensionReason>())
        {
            YamlSpellings.TryParse(YamlSpellings.Of(reason), out SuspensionReason parsed).Should().BeTrue();
            parsed.Should().Be(reason);
        }

        YamlSpellings.TryParse("ForceMajeure", out SuspensionReason _).Should().BeFalse();
    }
}
