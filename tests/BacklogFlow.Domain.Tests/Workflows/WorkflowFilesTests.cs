using BacklogFlow.Domain.Cases;
using BacklogFlow.Domain.Screening;
using BacklogFlow.Domain.Tests.TestSupport;
using BacklogFlow.Domain.Workflows;

namespace BacklogFlow.Domain.Tests.Workflows;

/// <summary>The definitions shipped in the repository's workflows/ folder.</summary>
public sealed class WorkflowFilesTests
{
    private static readonly string[] _mandatorySectors =
    [
        "childcare", "childminding", "education", "taxi", "bus", "road-transport", "youth-care", "long-term-care",
        "residential-mental-health-care",
    ];

    private static readonly string[] _notMandatorySectors =
    [
        "general", "finance", "hospitality", "retail", "volunteering", "public-administration", "healthcare-other",
        "procurement",
    ];

    [Fact]
    public void LoadFile_EveryWorkflowFile_Loads()
    {
        var files = Directory.GetFiles(Repository.WorkflowsDirectory, "*.workflow.yaml");

        files.Should().NotBeEmpty();
        foreach (var file in files)
        {
            var definition = WorkflowDefinitionLoader.LoadFile(file);
            Path.GetFileName(file).Should().Be(definition.Product + WorkflowDefinitionLoader.FileSuffix);
        }
    }

    [Fact]
    public void LoadDirectory_RepositoryWorkflows_HasTheThreeProducts()
    {
        var catalog = WorkflowDefinitionLoader.LoadDirectory(Repository.WorkflowsDirectory);

        catalog.Products.Should().BeEquivalentTo(["vog-np", "vog-rp", "gva"]);
        catalog.AllQueues.Select(q => (q.Name, q.Weight)).Should().BeEquivalentTo(
        [
            ("vog-np-mandatory", 3), ("vog-np-unknown", 2), ("vog-np-regular", 1), ("vog-rp-review", 1), ("gva-review", 1),
        ]);
        catalog.Calendar.IsHoliday(new DateOnly(2024, 12, 27)).Should().BeTrue("equated by Royal Decree in the shipped calendar");
    }

    [Theory]
    [InlineData("vog-np", 4, 4, 4)]
    [InlineData("vog-rp", 8, 0, 4)]
    [InlineData("gva", 8, 0, 4)]
    public void LoadFile_Product_HasItsStatutoryTerm(string product, int weeks, int recordExtensionWeeks, int maxExtensionWeeks)
    {
        var definition = LoadProduct(product);

        definition.Term.Weeks.Should().Be(weeks);
        definition.Term.RecordExtensionWeeks.Should().Be(recordExtensionWeeks);
        definition.Term.MaxExtensionWeeks.Should().Be(maxExtensionWeeks);
        definition.Term.LegalBasis.Should().Contain("see");
    }

    [Theory]
    [InlineData("vog-np")]
    [InlineData("vog-rp")]
    [InlineData("gva")]
    public void LoadFile_Product_IssuesNoRecordAutomaticallyAndReviewsRecords(string product)
    {
        var definition = LoadProduct(product);

        definition.AutomaticOutcome(ScreeningResult.NoRecord).Should().Be(DecisionOutcome.Issue);
        definition.AutomaticOutcome(ScreeningResult.Record).Should().BeNull();
    }

    [Theory]
    [InlineData("vog-np")]
    [InlineData("vog-rp")]
    [InlineData("gva")]
    public void LoadFile_Product_HasTheAgreedMandatoryListsClassesAndWarnings(string product)
    {
        var definition = LoadProduct(product);

        definition.Mandatory.MandatorySectors.Should().BeEquivalentTo(_mandatorySectors);
        definition.Mandatory.MandatoryProfiles.Should().BeEquivalentTo(["childminder", "childcare-housemate"]);
        definition.Mandatory.NotMandatorySectors.Should().BeEquivalentTo(_notMandatorySectors);
        definition.Mandatory.Classify("private-security", null).Should().Be(MandatoryStatus.Unknown);
        definition.PriorityClasses.Select(c => (c.Name, c.Rank, c.EscalationOnly)).Should().Equal(
            ("at-risk", 0, true), ("mandatory", 1, false), ("regular", 2, false));
        definition.DeadlineWarnings.Should().Equal(
            new DeadlineWarning("due-soon", 7, null), new DeadlineWarning("at-risk", 3, "at-risk"));
    }

    private static WorkflowDefinition LoadProduct(string product) =>
        WorkflowDefinitionLoader.LoadFile(
            Path.Combine(Repository.WorkflowsDirectory, product + WorkflowDefinitionLoader.FileSuffix));
}
