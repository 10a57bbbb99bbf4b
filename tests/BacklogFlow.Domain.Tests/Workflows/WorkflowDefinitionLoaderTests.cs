using BacklogFlow.Domain.Cases;
using BacklogFlow.Domain.Screening;
using BacklogFlow.Domain.Tests.TestSupport;
using BacklogFlow.Domain.Workflows;
using static BacklogFlow.Domain.Tests.TestSupport.SampleDefinitions;

namespace BacklogFlow.Domain.Tests.Workflows;

public sealed class WorkflowDefinitionLoaderTests
{
    [Fact]
    public void LoadText_ValidSample_MapsEverySection()
    {
        var definition = WorkflowDefinitionLoader.LoadText(Valid, FileName);

        definition.Product.Should().Be("sample");
        definition.Name.Should().Be("Sample product");
        definition.SourceFile.Should().Be(FileName);
        definition.Term.Should().Be(new StatutoryTerm(4, 4, 4, "See the statute."));
        definition.AutomaticDecisions.Should().Equal(
            new Dictionary<ScreeningResult, DecisionOutcome> { [ScreeningResult.NoRecord] = DecisionOutcome.Issue });
        definition.Mandatory.MandatorySectors.Should().BeEquivalentTo(["childcare"]);
        definition.Mandatory.MandatoryProfiles.Should().BeEquivalentTo(["childminder"]);
        definition.Mandatory.NotMandatorySectors.Should().BeEquivalentTo(["general"]);
        definition.Queues.Should().Equal(
            new ReviewQueue("sample-mandatory", 3, "Mandatory cases."),
            new ReviewQueue("sample-regular", 1, ""));
        definition.Routing.Select(r => (r.Queue, r.Line, r.When.IsCatchAll)).Should().Equal(
            ("sample-mandatory", 21, false),
            ("sample-regular", 24, true));
        definition.Routing[0].When.Mandatory.Should().BeEquivalentTo([MandatoryStatus.Mandatory]);
        definition.PriorityClasses.Select(c => (c.Name, c.Rank, c.EscalationOnly, c.When.IsCatchAll)).Should().Equal(
            ("at-risk", 0, true, true),
            ("mandatory", 1, false, false),
            ("regular", 2, false, true));
        definition.PriorityClasses[1].When.Mandatory.Should().BeEquivalentTo([MandatoryStatus.Mandatory, MandatoryStatus.Unknown]);
        definition.DeadlineWarnings.Should().Equal(
            new DeadlineWarning("due-soon", 7, null),
            new DeadlineWarning("at-risk", 3, "at-risk"));
    }

    [Fact]
    public void LoadText_NoReviewSection_DefaultPeriods()
    {
        var definition = WorkflowDefinitionLoader.LoadText(Valid, FileName);

        definition.Review.Should().Be(new ReviewRules { HearingPeriodDays = 14, MaxInformationPeriodDays = 28 });
    }

    [Fact]
    public void LoadText_ReviewSection_MapsThePeriods()
    {
        var yaml = With("automaticDecisions:", "review:\n  hearingPeriodDays: 21\n  maxInformationPeriodDays: 42\nautomaticDecisions:");

        var definition = WorkflowDefinitionLoader.LoadText(yaml, FileName);

        definition.Review.Should().Be(new ReviewRules { HearingPeriodDays = 21, MaxInformationPeriodDays = 42 });
    }

    [Theory]
    [InlineData("  hearingPeriodDays: 0", "'review.hearingPeriodDays' must be from 1 to 90, not 0", 22)]
    [InlineData("  maxInformationPeriodDays: 91", "'review.maxInformationPeriodDays' must be from 1 to 90, not 91", 29)]
    [InlineData("  hearingDays: 14", "unknown key 'hearingDays' in review; expected one of: hearingPeriodDays, maxInformationPeriodDays", 3)]
    public void LoadText_BadReviewSection_IsAnErrorAtTheValue(string line, string problem, long column)
    {
        var error = LoadFails(With("automaticDecisions:", $"review:\n{line}\nautomaticDecisions:"));

        error.Problem.Should().Be(problem);
        (error.Line, error.Column).Should().Be((9L, column));
    }

    [Fact]
    public void LoadText_FullCondition_MapsEveryCriterionWithOrdinalSets()
    {
        var yaml = With(
            "  - queue: sample-mandatory\n    when:\n      mandatory: [mandatory]\n",
            "  - queue: sample-mandatory\n    when:\n      screening: record\n      mandatory: [mandatory, not-mandatory]\n"
            + "      sectors: [childcare, taxi]\n      profiles: [childminder]\n      channels: [web, paper]\n");

        var when = WorkflowDefinitionLoader.LoadText(yaml, FileName).Routing[0].When;

        when.Screening.Should().Be(ScreeningResult.Record);
        when.Mandatory.Should().BeEquivalentTo([MandatoryStatus.Mandatory, MandatoryStatus.NotMandatory]);
        when.Sectors.Should().BeEquivalentTo(["childcare", "taxi"]);
        when.Profiles.Should().BeEquivalentTo(["childminder"]);
        when.Channels.Should().BeEquivalentTo(["web", "paper"]);
        when.Sectors!.Contains("Childcare").Should().BeFalse("codes compare ordinally");
    }

    [Fact]
    public void LoadText_UnknownChannel_ListsTheKnownChannels()
    {
        var error = LoadFails(With("      mandatory: [mandatory]", "      channels: [web, fax]"));

        error.Problem.Should().Be("unknown channel 'fax'; expected one of: app, municipality, paper, web");
        (error.Line, error.Column).Should().Be((23L, 23L));
    }

    [Fact]
    public void LoadText_EmptyWhenAndEmptyAutomaticDecisions_AreAccepted()
    {
        var yaml = With("automaticDecisions:\n  no-record: issue\n", "automaticDecisions: {}\n")
            .Replace("  - queue: sample-regular\n", "  - queue: sample-regular\n    when: {}\n", StringComparison.Ordinal);

        var definition = WorkflowDefinitionLoader.LoadText(yaml, FileName);

        definition.AutomaticDecisions.Should().BeEmpty();
        definition.Routing[^1].When.IsCatchAll.Should().BeTrue();
    }

    [Fact]
    public void LoadText_UnknownKey_NamesTheKeyAndTheAllowedKeysAtTheKey()
    {
        var error = LoadFails(With("    weight: 3", "    wieght: 3"));

        error.Problem.Should().Be("unknown key 'wieght' in queue; expected one of: name, weight, description");
        (error.File, error.Line, error.Column).Should().Be((FileName, 16L, 5L));
        error.Message.Should().StartWith("sample.yaml:16:5: unknown key 'wieght'");
    }

    [Fact]
    public void LoadText_UnknownTopLevelKey_IsAnError()
    {
        var error = LoadFails(With("name: Sample product\n", "name: Sample product\nowner: nobody\n"));

        error.Problem.Should().StartWith("unknown key 'owner' in workflow definition; expected one of: product, name, term,");
        (error.Line, error.Column).Should().Be((3L, 1L));
    }

    [Fact]
    public void LoadText_MissingRequiredKey_NamesTheKeyAndTheMappingLine()
    {
        var error = LoadFails(With("    weight: 1\n", ""));

        error.Problem.Should().Be("missing required key 'weight' in queue starting at line 18");
        (error.Line, error.Column).Should().Be((18L, 5L));
    }

    [Fact]
    public void LoadText_MissingTopLevelKey_PointsAtTheTopLevelMapping()
    {
        var error = LoadFails(With("name: Sample product\n", ""));

        error.Problem.Should().Be("missing required key 'name' in workflow definition starting at line 1");
        (error.Line, error.Column).Should().Be((1L, 1L));
    }

    [Fact]
    public void LoadText_RoutingToUndeclaredQueue_NamesTheQueueAndTheDeclaredOnes()
    {
        var error = LoadFails(With("  - queue: sample-regular", "  - queue: sample-elsewhere"));

        error.Problem.Should().Be(
            "routing rule sends cases to queue 'sample-elsewhere', which is not declared in 'queues' "
            + "(declared: sample-mandatory, sample-regular)");
        (error.Line, error.Column).Should().Be((24L, 12L));
    }

    [Fact]
    public void LoadText_CatchAllRuleNotLast_PointsAtTheCatchAll()
    {
        var error = LoadFails(With(
            "  - queue: sample-regular\n",
            "  - queue: sample-regular\n  - queue: sample-mandatory\n    when: { screening: record }\n"));

        error.Problem.Should().Be(
            "routing rule at line 24 has no 'when' (a catch-all) but is not the last rule; the rule at line 25 could never match");
        (error.Line, error.Column).Should().Be((24L, 5L));
    }

    [Fact]
    public void LoadText_NoCatchAllRule_PointsAtTheLastRule()
    {
        var error = LoadFails(With("  - queue: sample-regular\n", "  - queue: sample-regular\n    when: { screening: record }\n"));

        error.Problem.Should().Be("the last routing rule must be a catch-all (no 'when'), so that every case has a queue");
        (error.Line, error.Column).Should().Be((24L, 5L));
    }

    [Fact]
    public void LoadText_BadMandatorySpelling_ListsTheValidSpellings()
    {
        var error = LoadFails(With("      mandatory: [mandatory]", "      mandatory: [mandatroy]"));

        error.Problem.Should().Be(
            "'routing[0].when.mandatory[0]' has unknown value 'mandatroy'; expected one of: mandatory, not-mandatory, unknown");
        (error.Line, error.Column).Should().Be((23L, 19L));
    }

    [Fact]
    public void LoadText_BadScreeningResultKey_ListsTheValidSpellings()
    {
        var error = LoadFails(With("  no-record: issue", "  no-recrod: issue"));

        error.Problem.Should().Be("unknown key 'no-recrod' in automaticDecisions; expected one of: no-record, record");
        (error.Line, error.Column).Should().Be((9L, 3L));
    }

    [Fact]
    public void LoadText_BadOutcomeSpelling_ListsTheValidSpellings()
    {
        var error = LoadFails(With("no-record: issue", "no-record: approve"));

        error.Problem.Should().Be("'automaticDecisions.no-record' has unknown value 'approve'; expected one of: issue, refuse, withdrawn");
        (error.Line, error.Column).Should().Be((9L, 14L));
    }

    [Fact]
    public void LoadText_AutomaticRefusal_IsRejected()
    {
        var error = LoadFails(With("no-record: issue", "no-record: refuse"));

        error.Problem.Should().StartWith("'refuse' cannot be decided automatically: only 'issue' can;");
        (error.Line, error.Column).Should().Be((9L, 14L));
    }

    [Fact]
    public void LoadText_BadScreeningSpellingInCondition_IsAnError()
    {
        var error = LoadFails(With("      mandatory: [mandatory]", "      screening: maybe"));

        error.Problem.Should().Be("'routing[0].when.screening' has unknown value 'maybe'; expected one of: no-record, record");
        (error.Line, error.Column).Should().Be((23L, 18L));
    }

    [Fact]
    public void LoadText_ListCriterionGivenAsSingleValue_IsAnError()
    {
        var error = LoadFails(With("      mandatory: [mandatory]", "      mandatory: mandatory"));

        error.Problem.Should().Be("'routing[0].when.mandatory' must be a list, not 'mandatory'");
        (error.Line, error.Column).Should().Be((23L, 18L));
    }

    [Fact]
    public void LoadText_UnclosedQuote_IsASyntaxErrorWithPosition()
    {
        var error = LoadFails(With("    description: Mandatory cases.", "    description: \"Mandatory cases."));

        error.Problem.Should().StartWith("YAML syntax error: ");
        error.Line.Should().Be(17);
    }

    [Fact]
    public void LoadText_BadIndentation_IsASyntaxErrorAtTheOffendingLine()
    {
        var error = LoadFails(With("    weight: 1\n", "    weight: 1\n   oops: 2\n"));

        error.Problem.Should().StartWith("YAML syntax error: ");
        (error.Line, error.Column).Should().Be((20L, 4L));
    }

    [Fact]
    public void LoadText_UnclosedFlowSequence_IsASyntaxErrorNotACrash()
    {
        var error = LoadFails(With("  sectors: [childcare]", "  sectors: [childcare"));

        error.Problem.Should().StartWith("YAML syntax error: ");
        error.Line.Should().Be(11);
    }

    [Fact]
    public void LoadText_DuplicateKey_IsASyntaxErrorAtTheSecondKey()
    {
        var error = LoadFails(With("  maxExtensionWeeks: 4\n", "  maxExtensionWeeks: 4\n  weeks: 5\n"));

        error.Problem.Should().Be("YAML syntax error: key 'weeks' appears twice in the same mapping");
        (error.Line, error.Column).Should().Be((7L, 3L));
    }

    [Fact]
    public void LoadText_DuplicatePriorityClass_PointsAtTheSecondName()
    {
        var error = LoadFails(With("  - name: regular", "  - name: mandatory"));

        error.Problem.Should().Be("priority class 'mandatory' is declared twice (first at line 28)");
        (error.Line, error.Column).Should().Be((30L, 11L));
    }

    [Fact]
    public void LoadText_DuplicateQueue_PointsAtTheSecondName()
    {
        var error = LoadFails(With("  - name: sample-regular", "  - name: sample-mandatory"));

        error.Problem.Should().Be("queue 'sample-mandatory' is declared twice (first at line 15)");
        (error.Line, error.Column).Should().Be((18L, 11L));
    }

    [Fact]
    public void LoadText_EscalateToUnknownClass_NamesTheDeclaredClasses()
    {
        var error = LoadFails(With("escalateTo: at-risk", "escalateTo: urgent"));

        error.Problem.Should().Be(
            "deadline warning 'at-risk' escalates to priority class 'urgent', which is not declared in 'priorityClasses' "
            + "(declared: at-risk, mandatory, regular)");
        (error.Line, error.Column).Should().Be((36L, 17L));
    }

    [Fact]
    public void LoadText_ProductDiffersFromFileName_IsAnErrorAtTheProduct()
    {
        var error = LoadFails(Valid, "workflows/other.workflow.yaml");

        error.Problem.Should().Be(
            "product 'sample' does not match the file name 'other.workflow.yaml'; "
            + "a definition of 'sample' must be in 'sample.workflow.yaml'");
        (error.File, error.Line, error.Column).Should().Be(("workflows/other.workflow.yaml", 1L, 10L));
    }

    [Fact]
    public void LoadFile_ProductDiffersFromFileName_NamesThePathAsGiven()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.Write("vog-np.workflow.yaml", Valid);

        var act = () => WorkflowDefinitionLoader.LoadFile(path);

        act.Should().Throw<WorkflowDefinitionException>()
            .Which.Should().BeEquivalentTo(new { File = path, Line = 1L, Column = 10L });
    }

    [Fact]
    public void LoadFile_MatchingFileName_Loads()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.Write("sample.workflow.yaml", Valid);

        var definition = WorkflowDefinitionLoader.LoadFile(path);

        definition.Product.Should().Be("sample");
        definition.SourceFile.Should().Be(path);
    }

    [Fact]
    public void LoadText_NonDecreasingWarnings_PointsAtTheOffendingDaysLeft()
    {
        var error = LoadFails(With("    daysLeft: 3", "    daysLeft: 7"));

        error.Problem.Should().Be(
            "deadline warnings must have strictly decreasing daysLeft: 'at-risk' has 7, but the warning before it ('due-soon') has 7");
        (error.Line, error.Column).Should().Be((35L, 15L));
    }

    [Fact]
    public void LoadText_WrongType_SaysWhatWasExpected()
    {
        var error = LoadFails(With("    weight: 3", "    weight: three"));

        error.Problem.Should().Be("'queues[0].weight' must be an integer, not 'three'");
        (error.Line, error.Column).Should().Be((16L, 13L));
    }

    [Fact]
    public void LoadText_QuotedNumber_IsNotAnInteger()
    {
        var error = LoadFails(With("    weight: 3", "    weight: \"3\""));

        error.Problem.Should().Be("'queues[0].weight' must be an integer, not the quoted text '3'");
    }

    [Fact]
    public void LoadText_MappingWhereListExpected_SaysWhatWasExpected()
    {
        var error = LoadFails(With("  profiles: [childminder]", "  profiles: { childminder: true }"));

        error.Problem.Should().Be("'mandatory.profiles' must be a list, not a mapping");
        (error.Line, error.Column).Should().Be((12L, 13L));
    }

    [Theory]
    [InlineData("  weeks: 4", "  weeks: 60", "'term.weeks' must be from 1 to 52, not 60", 4, 10)]
    [InlineData("  weeks: 4", "  weeks: 0", "'term.weeks' must be from 1 to 52, not 0", 4, 10)]
    [InlineData("  recordExtensionWeeks: 4", "  recordExtensionWeeks: -1", "'term.recordExtensionWeeks' must be from 0 to 52, not -1", 5, 25)]
    [InlineData("    weight: 3", "    weight: 0", "'queues[0].weight' must be at least 1, not 0", 16, 13)]
    [InlineData("    daysLeft: 3", "    daysLeft: -3", "'deadlineWarnings[1].daysLeft' must be at least 0, not -3", 35, 15)]
    public void LoadText_NumberOutOfRange_IsAnError(string original, string replacement, string problem, long line, long column)
    {
        var error = LoadFails(With(original, replacement));

        error.Problem.Should().Be(problem);
        (error.Line, error.Column).Should().Be((line, column));
    }

    [Fact]
    public void LoadText_EmptyLegalBasis_IsAnError()
    {
        var error = LoadFails(With("  legalBasis: See the statute.", "  legalBasis: \"  \""));

        error.Problem.Should().Be("'term.legalBasis' must not be empty");
        (error.Line, error.Column).Should().Be((7L, 15L));
    }

    [Fact]
    public void LoadText_BadBoolean_IsAnError()
    {
        var error = LoadFails(With("    escalationOnly: true", "    escalationOnly: yes"));

        error.Problem.Should().Be("'priorityClasses[0].escalationOnly' must be true or false, not 'yes'");
        (error.Line, error.Column).Should().Be((27L, 21L));
    }

    [Fact]
    public void LoadText_QueueNameNotACode_IsAnError()
    {
        var error = LoadFails(With("  - name: sample-regular", "  - name: Sample_Regular"));

        error.Problem.Should().StartWith("'queues[1].name' must be a lowercase code of letters, digits and single hyphens");
        (error.Line, error.Column).Should().Be((18L, 11L));
    }

    [Fact]
    public void LoadText_EscalationOnlyClassWithWhen_IsAnError()
    {
        var error = LoadFails(With("    escalationOnly: true\n", "    escalationOnly: true\n    when: { screening: record }\n"));

        error.Problem.Should().Be(
            "priority class 'at-risk' is escalationOnly: it is never assigned at intake, so it cannot have a 'when'");
        (error.Line, error.Column).Should().Be((28L, 5L));
    }

    [Fact]
    public void LoadText_NoCatchAllPriorityClass_PointsAtTheLastAssignableClass()
    {
        var error = LoadFails(With("  - name: regular\n", "  - name: regular\n    when: { screening: record }\n"));

        error.Problem.Should().StartWith("the last priority class that is not escalationOnly must be a catch-all");
        (error.Line, error.Column).Should().Be((30L, 5L));
    }

    [Fact]
    public void LoadText_CatchAllPriorityClassNotLast_PointsAtTheCatchAll()
    {
        var error = LoadFails(With("    when: { mandatory: [mandatory, unknown] }\n", ""));

        error.Problem.Should().Be(
            "priority class at line 28 has no 'when' (a catch-all) but is not the last class assigned at intake; "
            + "class 'regular' at line 29 could never be assigned");
        (error.Line, error.Column).Should().Be((28L, 5L));
    }

    [Fact]
    public void LoadText_EscalationOnlyClassAfterTheCatchAll_IsAllowed()
    {
        var yaml = With(
            "  - name: at-risk\n    escalationOnly: true\n",
            "").Replace("  - name: regular\n", "  - name: regular\n  - name: at-risk\n    escalationOnly: true\n", StringComparison.Ordinal);

        var definition = WorkflowDefinitionLoader.LoadText(yaml, FileName);

        definition.PriorityClasses.Select(c => c.Name).Should().Equal("mandatory", "regular", "at-risk");
    }

    [Fact]
    public void LoadText_OnlyEscalationOnlyClasses_IsAnError()
    {
        var yaml = With(
            "  - name: mandatory\n    when: { mandatory: [mandatory, unknown] }\n  - name: regular\n",
            "");

        var error = LoadFails(yaml);

        error.Problem.Should().Be("at least one priority class must be assignable at intake (not escalationOnly)");
        error.Line.Should().Be(26);
    }

    [Fact]
    public void LoadText_SectorBothMandatoryAndNot_IsAnError()
    {
        var error = LoadFails(With("notMandatorySectors: [general]", "notMandatorySectors: [general, childcare]"));

        error.Problem.Should().Be("sector 'childcare' cannot be both mandatory (line 11) and not mandatory");
        (error.Line, error.Column).Should().Be((13L, 34L));
    }

    [Fact]
    public void LoadText_SectorListedTwice_IsAnError()
    {
        var error = LoadFails(With("  sectors: [childcare]", "  sectors: [childcare, childcare]"));

        error.Problem.Should().Be("'childcare' is listed twice in 'mandatory.sectors' (first at line 11)");
        (error.Line, error.Column).Should().Be((11L, 24L));
    }

    [Fact]
    public void LoadText_EmptyQueueList_IsAnError()
    {
        var yaml = With(
            "queues:\n  - name: sample-mandatory\n    weight: 3\n    description: Mandatory cases.\n  - name: sample-regular\n    weight: 1\n",
            "queues: []\n");

        var error = LoadFails(yaml);

        error.Problem.Should().Be("'queues' must have at least one entry");
        (error.Line, error.Column).Should().Be((14L, 9L));
    }

    [Fact]
    public void LoadText_EmptyFile_IsAnError()
    {
        var error = LoadFails("# nothing here\n");

        error.Problem.Should().Be("the file is empty; expected a workflow definition");
        (error.Line, error.Column).Should().Be((1L, 1L));
    }

    [Fact]
    public void LoadText_TopLevelList_IsAnError()
    {
        var error = LoadFails("- product: sample\n");

        error.Problem.Should().Be("the top level must be a mapping (workflow definition), not a list");
        (error.Line, error.Column).Should().Be((1L, 1L));
    }

    [Fact]
    public void LoadText_TwoDocuments_IsAnError()
    {
        var error = LoadFails(Valid + "---\nproduct: second\n");

        error.Problem.Should().Be("a workflow file holds exactly one YAML document; found a second one");
        error.Line.Should().Be(38);
    }

    [Fact]
    public void LoadDirectory_SameQueueInTwoFiles_NamesBothFiles()
    {
        using var directory = new TemporaryDirectory();
        var first = directory.Write("alpha.workflow.yaml", Minimal("alpha", "shared-review"));
        var second = directory.Write("beta.workflow.yaml", Minimal("beta", "shared-review"));

        var act = () => WorkflowDefinitionLoader.LoadDirectory(directory.Path);

        var error = act.Should().Throw<WorkflowDefinitionException>().Which;
        error.File.Should().Be(second);
        (error.Line, error.Column).Should().Be((7L, 11L));
        error.Problem.Should().Be(
            $"queue 'shared-review' is also declared in {first} (line 7); queue names must be unique across all products");
    }

    [Fact]
    public void LoadDirectory_OnlyTopLevelWorkflowFiles_AreLoaded()
    {
        using var directory = new TemporaryDirectory();
        directory.Write("alpha.workflow.yaml", Minimal("alpha", "alpha-review"));
        directory.Write("beta.workflow.yaml", Minimal("beta", "beta-review"));
        directory.Write("scenarios/broken.workflow.yaml", "this: is not a workflow");
        directory.Write("calendars/holidays.yaml", "dates: []");
        directory.Write(WorkflowDefinitionLoader.CalendarFile, MinimalCalendar);
        directory.Write("README.md", "# notes");

        var catalog = WorkflowDefinitionLoader.LoadDirectory(directory.Path);

        catalog.Products.Should().BeEquivalentTo(["alpha", "beta"]);
        catalog.AllQueues.Select(q => q.Name).Should().BeEquivalentTo(["alpha-review", "beta-review"]);
        catalog.Calendar.IsHoliday(new DateOnly(2030, 1, 2)).Should().BeTrue("the calendar file equates it");
    }

    [Fact]
    public void LoadDirectory_NoHolidayCalendar_IsAnError()
    {
        using var directory = new TemporaryDirectory();
        directory.Write("alpha.workflow.yaml", Minimal("alpha", "alpha-review"));

        var act = () => WorkflowDefinitionLoader.LoadDirectory(directory.Path);

        act.Should().Throw<WorkflowDefinitionException>().Which.Problem.Should().Contain("holiday calendar is missing");
    }

    private const string MinimalCalendar = """
        calendar: nl-atw
        name: "test"
        goodFriday: true
        equatedDays:
          - date: 2030-01-02
            note: a test bridge day
        """;

    [Fact]
    public void LoadDirectory_NoWorkflowFiles_IsAnError()
    {
        using var directory = new TemporaryDirectory();
        directory.Write("scenarios/alpha.workflow.yaml", Minimal("alpha", "alpha-review"));

        var act = () => WorkflowDefinitionLoader.LoadDirectory(directory.Path);

        act.Should().Throw<WorkflowDefinitionException>()
            .Which.Should().BeEquivalentTo(new { File = directory.Path, Problem = "no workflow definitions (*.workflow.yaml) in this directory" });
    }

    [Fact]
    public void LoadDirectory_BrokenFile_ReportsThatFile()
    {
        using var directory = new TemporaryDirectory();
        directory.Write("alpha.workflow.yaml", Minimal("alpha", "alpha-review"));
        var broken = directory.Write("beta.workflow.yaml", Minimal("beta", "beta-review").Replace("weight: 1", "weight: many", StringComparison.Ordinal));

        var act = () => WorkflowDefinitionLoader.LoadDirectory(directory.Path);

        act.Should().Throw<WorkflowDefinitionException>()
            .Which.Should().BeEquivalentTo(new { File = broken, Line = 8L, Column = 13L });
    }
}
