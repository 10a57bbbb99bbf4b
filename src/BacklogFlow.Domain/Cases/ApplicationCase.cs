using BacklogFlow.Domain.Deadlines;
using BacklogFlow.Domain.Outages;
using BacklogFlow.Domain.Screening;
using BacklogFlow.Domain.Workflows;

namespace BacklogFlow.Domain.Cases;

/// <summary>
/// One application being decided. The lifecycle is an explicit state machine: every step checks the
/// state it starts from, so a case can never be decided twice or screened after a decision.
/// </summary>
public sealed class ApplicationCase
{
    /// <summary>The longest reason an intent to refuse may give (it is stored with the case).</summary>
    public const int MaxRefusalIntentReasonLength = 2000;

    private ApplicationCase()
    {
    }

    public Guid Id { get; private set; }
    public string SourceSystem { get; private set; } = "";
    public string ApplicationId { get; private set; } = "";
    public string Product { get; private set; } = "";
    public string ApplicantReference { get; private set; } = "";
    public string? ScreeningProfile { get; private set; }

    /// <summary>Function-aspect codes, space-separated.</summary>
    public string FunctionAspects { get; private set; } = "";

    public string? Sector { get; private set; }
    public string Channel { get; private set; } = "";
    public DateTimeOffset ReceivedAt { get; private set; }
    public DateOnly ReceivedOn { get; private set; }
    public DateOnly? IntendedSubmissionDate { get; private set; }
    public MandatoryStatus Mandatory { get; private set; }
    public ScreeningResult? Screening { get; private set; }
    public CaseStatus Status { get; private set; }
    /// <summary>The case's clock: every event the dates derive from. No date below is ever set by hand.</summary>
    public DeadlineLedger Clock { get; private set; } = new([]);

    /// <summary>Derived from <see cref="Clock"/>; stored so queues and the sweeper can index it.</summary>
    public DateOnly LegalDeadline { get; private set; }

    /// <summary>Derived from <see cref="Clock"/>: the outage service promise, when the case has one.</summary>
    public DateOnly? ServicePromiseDeadline { get; private set; }

    /// <summary>Derived from <see cref="Clock"/>: the earlier of the legal deadline and the promise; queues order by it.</summary>
    public DateOnly EffectiveDueDate { get; private set; }

    /// <summary>Derived from <see cref="Clock"/>: the first day a penalty for deciding late runs (Awb 4:17), if a valid notice of default is in.</summary>
    public DateOnly? PenaltyFirstDay { get; private set; }

    public string? Queue { get; private set; }
    public string? PriorityClass { get; private set; }
    public DecisionOutcome? Outcome { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }

    /// <summary>The legal date of <see cref="DecidedAt"/>: stored so decisions can be counted per day in the database.</summary>
    public DateOnly? DecidedOn { get; private set; }
    public bool DecidedAutomatically { get; private set; }
    public string? DecidedBy { get; private set; }

    /// <summary>The first reviewer, who recorded the intent to refuse; a refusal needs someone else (four eyes).</summary>
    public string? RefusalIntendedBy { get; private set; }

    public DateTimeOffset? RefusalIntendedAt { get; private set; }

    /// <summary>Why the first reviewer intends to refuse, as put to the applicant.</summary>
    public string? RefusalIntentReason { get; private set; }

    /// <summary>The last day of the applicant's hearing period (zienswijze) after an intent to refuse.</summary>
    public DateOnly? HearingEndsOn { get; private set; }

    /// <summary>When the applicant's response to the intent was recorded; a refusal need not wait for the period to end then.</summary>
    public DateTimeOffset? HearingResponseAt { get; private set; }

    /// <summary>
    /// From when the second reviewer may refuse, as things stand: the first instant after the hearing
    /// period, or the response's recording when it came first; null without an intent to refuse.
    /// </summary>
    public DateTimeOffset? RefusalPossibleFrom =>
        HearingEndsOn is not { } lastDay ? null
        : HearingResponseAt is { } response ? response
        : LegalTime.StartOf(lastDay.AddDays(1));

    /// <summary>Optimistic concurrency: bumped on every change.</summary>
    public int Version { get; private set; }

    public CaseFacts Facts => new(Product, ScreeningProfile, Sector, Channel, Mandatory, Screening);

    public bool LegalDeadlineMet => DecidedAt is { } at && LegalTime.ToLegalDate(at) <= LegalDeadline;

    /// <param name="outages">Registered outage windows; those that affect the application start its service promise.</param>
    public static ApplicationCase Receive(
        Guid id,
        ApplicationDetails application,
        WorkflowDefinition definition,
        HolidayCalendar calendar,
        IReadOnlyCollection<OutageWindow>? outages = null)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(definition);
        var received = new ApplicationCase
        {
            Id = id,
            SourceSystem = application.SourceSystem,
            ApplicationId = application.ApplicationId,
            Product = application.Product,
            ApplicantReference = application.ApplicantReference,
            ScreeningProfile = application.ScreeningProfile,
            FunctionAspects = string.Join(' ', application.FunctionAspects),
            Sector = application.Sector,
            Channel = application.Channel,
            ReceivedAt = application.ReceivedAt,
            ReceivedOn = LegalTime.ToLegalDate(application.ReceivedAt),
            IntendedSubmissionDate = application.IntendedSubmissionDate,
            Mandatory = definition.Mandatory.Classify(application.Sector, application.ScreeningProfile),
            Status = CaseStatus.Received,
        };
        var clock = DeadlineLedger.Start(application.ReceivedAt);
        foreach (var outage in outages ?? [])
        {
            if (outage.Affects(received.Product, received.ReceivedOn, application.IntendedSubmissionDate))
            {
                // The promise runs from when the applicant wanted to apply, else from the outage start.
                clock = clock.Record(new OutageAffected(outage.Start, application.IntendedSubmissionDate), definition.Term, calendar);
            }
        }

        received.SetClock(clock, definition, calendar);
        return received;
    }

    /// <summary>Records the records check; a record takes the case off the straight-through path and extends the term.</summary>
    public void RecordScreening(ScreeningResult result, DateTimeOffset at, WorkflowDefinition definition, HolidayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(definition);
        Require(CaseStatus.Received, "record a screening result");
        Screening = result;
        if (result == ScreeningResult.Record)
        {
            SetClock(Clock.Record(new RecordFound(at), definition.Term, calendar), definition, calendar);
        }

        Status = CaseStatus.Screened;
        Version++;
    }

    public void DecideAutomatically(DecisionOutcome outcome, DateTimeOffset at, WorkflowDefinition definition, HolidayCalendar calendar)
    {
        Require(CaseStatus.Screened, "be decided automatically");
        Decide(outcome, at, decidedBy: null, definition, calendar);
        DecidedAutomatically = true;
    }

    public void SendToReview(ReviewQueue queue, PriorityClass priorityClass)
    {
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(priorityClass);
        Require(CaseStatus.Screened, "be sent to review");
        Queue = queue.Name;
        PriorityClass = priorityClass.Name;
        Status = CaseStatus.AwaitingReview;
        Version++;
    }

    /// <summary>
    /// Decides a reviewed case. A refusal is allowed only after an intent to refuse, once the applicant
    /// was heard (the hearing period is over or their response is recorded), and only by a reviewer
    /// other than the one who intended it (four eyes). Issuing or a withdrawal after an intent is
    /// allowed: the hearing may change the reviewer's mind. The intent stays on record with the case.
    /// </summary>
    public void DecideAfterReview(
        DecisionOutcome outcome, DateTimeOffset at, string reviewer, WorkflowDefinition definition, HolidayCalendar calendar)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reviewer);
        Require(CaseStatus.AwaitingReview, "be decided by a reviewer");
        if (outcome == DecisionOutcome.Refuse)
        {
            RequireRefusalAllowed(reviewer, at);
        }

        Decide(outcome, at, reviewer, definition, calendar);
    }

    /// <summary>The second reviewer's refusal; see <see cref="DecideAfterReview"/> for what it needs.</summary>
    public void Refuse(DateTimeOffset at, string reviewer, WorkflowDefinition definition, HolidayCalendar calendar) =>
        DecideAfterReview(DecisionOutcome.Refuse, at, reviewer, definition, calendar);

    /// <summary>
    /// The first reviewer intends to refuse: the applicant is told why and heard (zienswijze) for the
    /// definition's hearing period, counted from the day after the intent. The hearing does not
    /// suspend the decision term (Awb 4:15 has no such ground), so the legal clock keeps running.
    /// </summary>
    public void IntendToRefuse(string reviewer, DateTimeOffset at, string reason, WorkflowDefinition definition)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reviewer);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(reason.Length, MaxRefusalIntentReasonLength, nameof(reason));
        ArgumentNullException.ThrowIfNull(definition);
        Require(CaseStatus.AwaitingReview, "get an intent to refuse");
        if (RefusalIntendedBy is not null)
        {
            throw new InvalidCaseTransitionException(
                Id, Status, $"get a second intent to refuse: {RefusalIntendedBy} recorded one on {LegalDates.Format(LegalTime.ToLegalDate(RefusalIntendedAt!.Value))}");
        }

        RefusalIntendedBy = reviewer;
        RefusalIntendedAt = at;
        RefusalIntentReason = reason;
        HearingEndsOn = LegalTime.ToLegalDate(at).AddDays(definition.Review.HearingPeriodDays);
        Version++;
    }

    /// <summary>The applicant responded to the intent to refuse; the second reviewer may decide without waiting for the period to end.</summary>
    public void RecordHearingResponse(DateTimeOffset at)
    {
        Require(CaseStatus.AwaitingReview, "record a response to an intent to refuse");
        if (RefusalIntendedBy is null)
        {
            throw new InvalidCaseTransitionException(Id, Status, "record a response to an intent to refuse: there is no intent");
        }

        if (HearingResponseAt is null)
        {
            HearingResponseAt = at;
            Version++;
        }
    }

    /// <summary>
    /// The reviewer asks the applicant to complete the application within <paramref name="periodDays"/>
    /// days. The term is suspended (Awb 4:15(1)(a), request to complete) from the day after the request
    /// through the last day of the period, as if it lapses unused; the clock moves the deadlines.
    /// </summary>
    public void RequestInformation(
        string reviewer, DateTimeOffset at, int periodDays, WorkflowDefinition definition, HolidayCalendar calendar)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reviewer);
        ArgumentNullException.ThrowIfNull(definition);
        Require(CaseStatus.AwaitingReview, "have information requested");
        var maxDays = definition.Review.MaxInformationPeriodDays;
        if (periodDays < 1 || periodDays > maxDays)
        {
            throw new DeadlineLedgerException(
                $"a request to complete the application gives 1 to {maxDays} days ({definition.Product}); got {periodDays}");
        }

        var requestedOn = LegalTime.ToLegalDate(at);
        var suspension = new ClockSuspended(requestedOn.AddDays(1), requestedOn.AddDays(periodDays), SuspensionReason.RequestToComplete, requestedOn);
        RecordClockEvent(suspension, definition, calendar);
    }

    /// <summary>
    /// Adds an event to the clock (a suspension, an extension, a notice of default...); the domain
    /// refuses what the law does not allow with a <see cref="DeadlineLedgerException"/>.
    /// </summary>
    public void RecordClockEvent(LedgerEvent clockEvent, WorkflowDefinition definition, HolidayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (Status == CaseStatus.Decided && clockEvent is not DefaultNoticeReceived)
        {
            throw new InvalidCaseTransitionException(Id, Status, $"have its clock changed ({clockEvent.GetType().Name})");
        }

        SetClock(Clock.Record(clockEvent, definition.Term, calendar), definition, calendar);
        Version++;
    }

    /// <summary>
    /// How close the case is to its deadlines <paramref name="today"/>: a function of its stored
    /// dates and the day, so never stored (a stored copy would need a sweep of every case each day).
    /// A decided case runs no risk.
    /// </summary>
    public DeadlineRisk RiskOn(DateOnly today, WorkflowDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return Status == CaseStatus.Decided ? DeadlineRisk.None : DeadlineRisk.Assess(EffectiveDueDate, LegalDeadline, today, definition.DeadlineWarnings);
    }

    /// <summary>What the clock says now, in full (rules applied, penalty as of <paramref name="asOf"/>).</summary>
    public DeadlineComputation ComputeClock(WorkflowDefinition definition, HolidayCalendar calendar, DateOnly? asOf = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return Clock.Compute(definition.Term, calendar, asOf);
    }

    private void Decide(DecisionOutcome outcome, DateTimeOffset at, string? decidedBy, WorkflowDefinition definition, HolidayCalendar calendar)
    {
        SetClock(Clock.Record(new CaseDecided(at), definition.Term, calendar), definition, calendar);
        Outcome = outcome;
        DecidedAt = at;
        DecidedOn = LegalTime.ToLegalDate(at);
        DecidedBy = decidedBy;
        Status = CaseStatus.Decided;
        Version++;
    }

    private void SetClock(DeadlineLedger clock, WorkflowDefinition definition, HolidayCalendar calendar)
    {
        var computed = clock.Compute(definition.Term, calendar);
        Clock = clock;
        LegalDeadline = computed.LegalDeadline;
        ServicePromiseDeadline = computed.ServicePromiseDeadline;
        EffectiveDueDate = computed.EffectiveDueDate;
        PenaltyFirstDay = computed.Penalty?.FirstDay;
    }

    private void RequireRefusalAllowed(string reviewer, DateTimeOffset at)
    {
        if (RefusalIntendedBy is null)
        {
            throw new InvalidCaseTransitionException(
                Id, Status, "be refused without an intent to refuse: the applicant must be heard first");
        }

        if (string.Equals(RefusalIntendedBy, reviewer, StringComparison.Ordinal))
        {
            throw new FourEyesViolationException(Id, reviewer);
        }

        if (HearingResponseAt is null && LegalTime.ToLegalDate(at) <= HearingEndsOn)
        {
            throw new InvalidCaseTransitionException(
                Id, Status, $"be refused yet: the applicant's hearing period runs through {LegalDates.Format(HearingEndsOn!.Value)} and no response is recorded");
        }
    }

    private void Require(CaseStatus expected, string step)
    {
        if (Status != expected)
        {
            throw new InvalidCaseTransitionException(Id, Status, step);
        }
    }
}
