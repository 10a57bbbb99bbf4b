using BacklogFlow.Domain.Workflows;

namespace BacklogFlow.Planning.Tests;

public sealed class ScenarioLoaderTests
{
    [Fact]
    public void LoadFile_Justis2021_ReadsTheShippedScenario()
    {
        var scenario = Shipped.Justis2021;

        scenario.Code.Should().Be("justis-2021");
        scenario.Outage!.Start.Should().Be(new DateOnly(2021, 10, 15));
        scenario.Outage.End.Should().Be(new DateOnly(2021, 11, 1));
        scenario.RecoveryDay.Should().Be(new DateOnly(2021, 11, 2));
        scenario.PentUp.Should().Be(new PentUpArrivals(70_000, 5));
        scenario.Automatic.RecoveryPerDay.Should().Be(12_000);
        scenario.Arrivals.Products.Select(p => p.Product).Should().Equal("vog-np", "vog-rp", "gva");
        scenario.Arrivals.Products[0].RecordShare.Should().Be(0.16);
        scenario.Reviewers.Overtime.Should().NotBeNull();
    }

    [Theory]
    [InlineData("days: 84", "days: many", 12, "'days' must be an integer, not 'many'")]
    [InlineData("  perWorkingDay: 5000", "  perWorkingDay: 5000\n  perday: 3", 17, "unknown key 'perday' in arrivals")]
    [InlineData("    - product: gva", "    - product: gvx", 47, "unknown product 'gvx'")]
    [InlineData("        - { sector: taxi, share: 0.10 }", "        - { sector: taxis, share: 0.10 }", 44, "sector 'taxis' is in neither")]
    [InlineData("      recordShare: 0.16\n      # Legally", "      recordShare: 1.6\n      # Legally", 21, "'arrivals.products[0].recordShare' must be from 0 to 1, not 1.6")]
    [InlineData("        - { sector: unknown, share: 0.05 }", "        - { sector: unknown, share: 0.15 }", 24, "add up to 1.1, not 1")]
    [InlineData("  end: 2021-11-01", "  end: 2021-10-01", 55, "the outage cannot end (2021-10-01) before it starts (2021-10-15)")]
    [InlineData("  reviewsPerHour: 4", "  reviewsPerHour: [4", 72, "YAML syntax error")]
    public void LoadText_BadScenario_SaysWhereAndWhat(string original, string replacement, int line, string problem)
    {
        var yaml = File.ReadAllText(Shipped.JustisPath);
        yaml.Should().Contain(original);

        var load = () => ScenarioLoader.LoadText(yaml.Replace(original, replacement, StringComparison.Ordinal), "justis-2021.yaml", Shipped.Catalog);

        var error = load.Should().Throw<WorkflowDefinitionException>().Which;
        error.File.Should().Be("justis-2021.yaml");
        error.Problem.Should().Contain(problem);
        error.Line.Should().Be(line, error.Message);
        error.Message.Should().StartWith($"justis-2021.yaml:{line}:");
    }

    [Fact]
    public void LoadText_PentUpWithoutOutage_IsRefusedAtTheKey()
    {
        const string yaml = """
            scenario: tiny
            name: Tiny
            start: 2021-10-04
            days: 7
            arrivals:
              perWorkingDay: 10
              products:
                - product: gva
                  share: 1
                  recordShare: 0.5
                  sectors: [{ sector: procurement, share: 1 }]
            pentUp:
              applications: 10
              overDays: 2
            automatic: { perDay: 100 }
            reviewers: { count: 1, reviewsPerHour: 1, hoursPerDay: 8 }
            clearedAtOrBelow: 0
            """;

        var load = () => ScenarioLoader.LoadText(yaml, "tiny.yaml", Shipped.Catalog);

        load.Should().Throw<WorkflowDefinitionException>()
            .Which.Should().Match<WorkflowDefinitionException>(e => e.Line == 12 && e.Problem.Contains("need an outage", StringComparison.Ordinal));
    }

    [Fact]
    public void LoadText_CodeNotMatchingTheFileName_IsRefused()
    {
        var yaml = File.ReadAllText(Shipped.JustisPath);

        var load = () => ScenarioLoader.LoadText(yaml, "other.yaml", Shipped.Catalog);

        load.Should().Throw<WorkflowDefinitionException>().Which.Line.Should().Be(3);
    }
}
