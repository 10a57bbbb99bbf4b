using BacklogFlow.Domain.Cases;
using BacklogFlow.Domain.Deadlines;
using BacklogFlow.Domain.Screening;
using static BacklogFlow.Domain.Tests.TestSupport.Cases;

namespace BacklogFlow.Domain.Tests.Cases;

public sealed class ApplicationCaseTests
{
    private static readonly DateTimeOffset _receivedAt = new(2021, 11, 2, 10, 0, 0, TimeSpan.FromHours(1));
    private static readonly DateTimeOffset _decidedAt = new(2021, 11, 20, 14, 0, 0, TimeSpan.FromHours(1));

    private static readonly string[] _states = ["received", "screened", "awaiting-review", "decided", "decided-after-review"];
    private static readonly string[] _steps =
        ["record-screening", "decide-automatically", "send-to-review", "decide-after-review", "intend-to-refuse", "request-information", "record-hearing-response"];

    private static readonly HashSet<(string State, string Step)> _allowed =
    [
        ("received", "record-screening"),
        ("screened", "decide-automatically"),
        ("screened", "send-to-review"),
        ("awaiting-review", "decide-after-review"),
        ("awaiting-review", "intend-to-refuse"),
        ("awaiting-review", "request-information"),

        // A hearing response needs an intent to refuse, which no state in the table has.
    ];

    /// <summary>The day after the hearing period of an intent recorded on <see cref="_intendedAt"/> (14 days, through 24 Nov 2021).</summary>
    private static readonly DateTimeOffset _afterHearing = new(2021, 11, 25, 9, 0, 0, TimeSpan.FromHours(1));
    private static readonly DateTimeOffset _intendedAt = new(2021, 11, 10, 11, 0, 0, TimeSpan.FromHours(1));

    public static TheoryData<string, string> IllegalTransitions()
    {
        var data = new TheoryData<string, string>();
        foreach (var state in _states)
        {
            foreach (var step in _steps.Where(step => !_allowed.Contains((state, step))))
            {
                data.Add(state, step);
            }
        }

        return data;
    }

    [Fact]
    public void Receive_Application_StartsReceivedWithTheBaseTerm()
    {
        var application = Application(_receivedAt, sector: "childcare");

        var received = ApplicationCase.Receive(Guid.NewGuid(), application, VogNp, Catalog.Calendar);

        received.Status.Should().Be(CaseStatus.Received);
        received.ReceivedOn.Should().Be(new DateOnly(2021, 11, 2));
        received.LegalDeadline.Should().Be(new DateOnly(2021, 11, 30));
        received.Mandatory.Should().Be(MandatoryStatus.Mandatory);
        received.FunctionAspects.Should().Be("11 12");
        received.Screening.Should().BeNull();
    }

    [Fact]
    public void Receive_UnknownSector_IsUnknownMandatory()
    {
        Received(_receivedAt, sector: null).Mandatory.Should().Be(MandatoryStatus.Unknown);
    }

    [Fact]
    public void DecideAutomatically_NoRecord_IsIssuedWithinTheBaseTerm()
    {
        var applicationCase = Received(_receivedAt);

        applicationCase.RecordScreening(ScreeningResult.NoRecord, applicationCase.ReceivedAt, VogNp, Catalog.Calendar);
        applicationCase.Status.Should().Be(CaseStatus.Screened);
        applicationCase.LegalDeadline.Should().Be(new DateOnly(2021, 11, 30));
        VogNp.AutomaticOutcome(ScreeningResult.NoRecord).Should().Be(DecisionOutcome.Issue);
        applicationCase.DecideAutomatically(DecisionOutcome.Issue, _decidedAt, VogNp, Catalog.Calendar);

        applicationCase.Status.Should().Be(CaseStatus.Decided);
        applicationCase.Outcome.Should().Be(DecisionOutcome.Issue);
        applicationCase.DecidedAutomatically.Should().BeTrue();
        applicationCase.DecidedBy.Should().BeNull();
        applicationCase.DecidedAt.Should().Be(_decidedAt);
        applicationCase.LegalDeadlineMet.Should().BeTrue();
        applicationCase.Version.Should().Be(2);
    }

    [Fact]
    public void DecideAutomatically_LateEveningUtc_DecidedOnTheDutchDate()
    {
        var applicationCase = Received(_receivedAt);
        applicationCase.RecordScreening(ScreeningResult.NoRecord, applicationCase.ReceivedAt, VogNp, Catalog.Calendar);

        // 23:30 UTC on Sat 20 Nov 2021 is already Sunday 00:30 in Amsterdam.
        applicationCase.DecideAutomatically(DecisionOutcome.Issue, new DateTimeOffset(2021, 11, 20, 23, 30, 0, TimeSpan.Zero), VogNp, Catalog.Calendar);

        applicationCase.DecidedOn.Should().Be(new DateOnly(2021, 11, 21));
    }

    [Fact]
    public void DecideAfterReview_Record_ExtendsTheTermAndRecordsTheReviewer()
    {
        var applicationCase = Received(_receivedAt, sector: "taxi");
        applicationCase.RecordScreening(ScreeningResult.Record, applicationCase.ReceivedAt, VogNp, Catalog.Calendar);
        applicationCase.LegalDeadline.Should().Be(new DateOnly(2021, 12, 28));

        var queue = VogNp.RouteToQueue(applicationCase.Facts);
        var priorityClass = VogNp.ClassifyPriority(applicationCase.Facts);
        applicationCase.SendToReview(queue, priorityClass);
        applicationCase.Status.Should().Be(CaseStatus.AwaitingReview);
        applicationCase.Queue.Should().Be("vog-np-mandatory");
        applicationCase.PriorityClass.Should().Be("mandatory");

        var lateDecision = new DateTimeOffset(2021, 12, 29, 9, 0, 0, TimeSpan.FromHours(1));
        applicationCase.DecideAfterReview(DecisionOutcome.Issue, lateDecision, "reviewer-1", VogNp, Catalog.Calendar);

        applicationCase.Status.Should().Be(CaseStatus.Decided);
        applicationCase.Outcome.Should().Be(DecisionOutcome.Issue);
        applicationCase.DecidedAutomatically.Should().BeFalse();
        applicationCase.DecidedBy.Should().Be("reviewer-1");
        applicationCase.LegalDeadlineMet.Should().BeFalse();
        applicationCase.Version.Should().Be(3);
    }

    [Fact]
    public void IntendToRefuse_AwaitingReview_RecordsTheFirstReviewerAndOpensTheHearingWithoutStoppingTheClock()
    {
        var applicationCase = InState("awaiting-review");
        var deadline = applicationCase.LegalDeadline;
        var version = applicationCase.Version;

        applicationCase.IntendToRefuse("reviewer-1", _intendedAt, "a recent conviction for fraud", VogNp);

        applicationCase.Status.Should().Be(CaseStatus.AwaitingReview);
        applicationCase.RefusalIntendedBy.Should().Be("reviewer-1");
        applicationCase.RefusalIntendedAt.Should().Be(_intendedAt);
        applicationCase.RefusalIntentReason.Should().Be("a recent conviction for fraud");
        applicationCase.HearingEndsOn.Should().Be(new DateOnly(2021, 11, 24), "14 days from the day after Wed 10 Nov 2021");
        applicationCase.LegalDeadline.Should().Be(deadline, "the hearing does not suspend the term");
        applicationCase.Version.Should().Be(version + 1);
    }

    [Fact]
    public void IntendToRefuse_Twice_Refused()
    {
        var applicationCase = Intended();

        var again = () => applicationCase.IntendToRefuse("reviewer-2", _intendedAt.AddDays(1), "another reason", VogNp);

        again.Should().Throw<InvalidCaseTransitionException>().WithMessage("*second intent to refuse*reviewer-1*");
        applicationCase.RefusalIntendedBy.Should().Be("reviewer-1");
    }

    [Fact]
    public void Refuse_ByTheReviewerWhoIntended_RefusedForFourEyes()
    {
        var applicationCase = Intended();
        var version = applicationCase.Version;

        var alone = () => applicationCase.Refuse(_afterHearing, "reviewer-1", VogNp, Catalog.Calendar);

        alone.Should().Throw<FourEyesViolationException>().WithMessage("*reviewer-1 recorded the intent to refuse*second reviewer*four eyes*");
        applicationCase.Status.Should().Be(CaseStatus.AwaitingReview);
        applicationCase.Version.Should().Be(version);
    }

    [Fact]
    public void Refuse_BySecondReviewerAfterTheHearingPeriod_Decided()
    {
        var applicationCase = Intended();

        applicationCase.Refuse(_afterHearing, "reviewer-2", VogNp, Catalog.Calendar);

        applicationCase.Status.Should().Be(CaseStatus.Decided);
        applicationCase.Outcome.Should().Be(DecisionOutcome.Refuse);
        applicationCase.DecidedBy.Should().Be("reviewer-2");
        applicationCase.RefusalIntendedBy.Should().Be("reviewer-1", "the intent stays on record");
    }

    [Fact]
    public void Refuse_BySecondReviewerDuringTheHearingPeriod_RefusedUntilTheApplicantResponds()
    {
        var applicationCase = Intended();
        var lastHearingDay = new DateTimeOffset(2021, 11, 24, 16, 0, 0, TimeSpan.FromHours(1));

        var early = () => applicationCase.Refuse(lastHearingDay, "reviewer-2", VogNp, Catalog.Calendar);

        early.Should().Throw<InvalidCaseTransitionException>().WithMessage("*hearing period runs through Wed 24 Nov 2021*");
        applicationCase.RecordHearingResponse(lastHearingDay.AddHours(-3));
        applicationCase.Refuse(lastHearingDay, "reviewer-2", VogNp, Catalog.Calendar);
        applicationCase.Outcome.Should().Be(DecisionOutcome.Refuse);
    }

    [Fact]
    public void RefusalPossibleFrom_AfterAnIntent_MidnightAfterTheHearingOrTheResponseIfEarlier()
    {
        InState("awaiting-review").RefusalPossibleFrom.Should().BeNull("there is no intent");
        var unanswered = Intended();
        var answered = Intended();
        var lastHearingDay = new DateTimeOffset(2021, 11, 24, 16, 0, 0, TimeSpan.FromHours(1));
        answered.RecordHearingResponse(lastHearingDay);

        var from = unanswered.RefusalPossibleFrom!.Value;

        from.Should().Be(new DateTimeOffset(2021, 11, 24, 23, 0, 0, TimeSpan.Zero), "the hearing runs through Wed 24 Nov 2021");
        answered.RefusalPossibleFrom.Should().Be(lastHearingDay);
        ((Action)(() => unanswered.Refuse(from.AddTicks(-1), "reviewer-2", VogNp, Catalog.Calendar))).Should().Throw<InvalidCaseTransitionException>();
        unanswered.Refuse(from, "reviewer-2", VogNp, Catalog.Calendar);
        unanswered.Outcome.Should().Be(DecisionOutcome.Refuse, "the rule that refuses a refusal agrees with the instant");
    }

    [Fact]
    public void Refuse_WithoutAnIntent_Refused()
    {
        var applicationCase = InState("awaiting-review");

        var unheard = () => applicationCase.Refuse(_afterHearing, "reviewer-2", VogNp, Catalog.Calendar);

        unheard.Should().Throw<InvalidCaseTransitionException>().WithMessage("*without an intent to refuse*");
        applicationCase.Status.Should().Be(CaseStatus.AwaitingReview);
    }

    [Fact]
    public void DecideAfterReview_IssueAfterAnIntent_IssuedTheHearingChangedMinds()
    {
        var applicationCase = Intended();

        applicationCase.DecideAfterReview(DecisionOutcome.Issue, _intendedAt.AddDays(3), "reviewer-1", VogNp, Catalog.Calendar);

        applicationCase.Status.Should().Be(CaseStatus.Decided);
        applicationCase.Outcome.Should().Be(DecisionOutcome.Issue);
    }

    [Fact]
    public void RequestInformation_AwaitingReview_MovesTheLegalDeadlineByTheSuspendedDays()
    {
        var applicationCase = InState("awaiting-review");
        applicationCase.LegalDeadline.Should().Be(new DateOnly(2021, 12, 28));
        var version = applicationCase.Version;

        applicationCase.RequestInformation("reviewer-1", _intendedAt, 14, VogNp, Catalog.Calendar);

        applicationCase.Clock.Events.OfType<ClockSuspended>().Should().ContainSingle().Which.Should().Be(
            new ClockSuspended(new DateOnly(2021, 11, 11), new DateOnly(2021, 11, 24), SuspensionReason.RequestToComplete, new DateOnly(2021, 11, 10)));
        applicationCase.LegalDeadline.Should().Be(new DateOnly(2022, 1, 11), "Tue 28 Dec 2021 + 14 suspended days");
        applicationCase.EffectiveDueDate.Should().Be(new DateOnly(2022, 1, 11));
        applicationCase.Status.Should().Be(CaseStatus.AwaitingReview);
        applicationCase.Version.Should().Be(version + 1);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(29)]
    public void RequestInformation_PeriodOutsideTheDefinition_Refused(int periodDays)
    {
        var applicationCase = InState("awaiting-review");

        var act = () => applicationCase.RequestInformation("reviewer-1", _intendedAt, periodDays, VogNp, Catalog.Calendar);

        act.Should().Throw<DeadlineLedgerException>().WithMessage($"*1 to 28 days*got {periodDays}*");
        applicationCase.LegalDeadline.Should().Be(new DateOnly(2021, 12, 28));
    }

    [Theory]
    [MemberData(nameof(IllegalTransitions))]
    public void Step_FromAStateThatDoesNotAllowIt_ThrowsAndChangesNothing(string state, string step)
    {
        var applicationCase = InState(state);
        var statusBefore = applicationCase.Status;
        var versionBefore = applicationCase.Version;

        var act = () => Apply(applicationCase, step);

        act.Should().Throw<InvalidCaseTransitionException>()
            .Which.Should().BeEquivalentTo(new { CaseId = applicationCase.Id, Status = statusBefore });
        applicationCase.Status.Should().Be(statusBefore);
        applicationCase.Version.Should().Be(versionBefore);
    }

    [Fact]
    public void IllegalTransitions_CoverEveryStepThatIsNotAllowed()
    {
        IllegalTransitions().Should().HaveCount((_states.Length * _steps.Length) - _allowed.Count);
    }

    private static ApplicationCase Intended()
    {
        var applicationCase = InState("awaiting-review");
        applicationCase.IntendToRefuse("reviewer-1", _intendedAt, "a recent conviction for fraud", VogNp);
        return applicationCase;
    }

    private static ApplicationCase InState(string state)
    {
        var applicationCase = Received(_receivedAt);
        var steps = state switch
        {
            "received" => [],
            "screened" => ["record-screening"],
            "awaiting-review" => ["record-screening", "send-to-review"],
            "decided" => ["record-screening", "decide-automatically"],
            "decided-after-review" => new[] { "record-screening", "send-to-review", "decide-after-review" },
            _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
        };
        foreach (var step in steps)
        {
            Apply(applicationCase, step);
        }

        return applicationCase;
    }

    private static void Apply(ApplicationCase applicationCase, string step)
    {
        switch (step)
        {
            case "record-screening":
                applicationCase.RecordScreening(ScreeningResult.Record, applicationCase.ReceivedAt, VogNp, Catalog.Calendar);
                break;
            case "decide-automatically":
                applicationCase.DecideAutomatically(DecisionOutcome.Issue, _decidedAt, VogNp, Catalog.Calendar);
                break;
            case "send-to-review":
                applicationCase.SendToReview(VogNp.Queues[0], VogNp.PriorityClasses[^1]);
                break;
            case "decide-after-review":
                applicationCase.DecideAfterReview(DecisionOutcome.Issue, _decidedAt, "reviewer-1", VogNp, Catalog.Calendar);
                break;
            case "intend-to-refuse":
                applicationCase.IntendToRefuse("reviewer-1", _intendedAt, "a recent conviction for fraud", VogNp);
                break;
            case "request-information":
                applicationCase.RequestInformation("reviewer-1", _intendedAt, 14, VogNp, Catalog.Calendar);
                break;
            case "record-hearing-response":
                applicationCase.RecordHearingResponse(_intendedAt);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(step), step, null);
        }
    }
}
