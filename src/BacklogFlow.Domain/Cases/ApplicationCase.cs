using BacklogFlow.Domain.Deadlines;
using BacklogFlow.Domain.Screening;
using BacklogFlow.Domain.Workflows;

namespace BacklogFlow.Domain.Cases;

/// <summary>
/// One application being decided. The lifecycle is an explicit state machine: every step checks the
/// state it starts from, so a case can never be decided twice or screened after a decision.
/// </summary>
public sealed class ApplicationCase
{
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
    public DateOnly LegalDeadline { get; private set; }
    public string? Queue { get; private set; }
    public string? PriorityClass { get; private set; }
    public DecisionOutcome? Outcome { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public bool DecidedAutomatically { get; private set; }
    public string? DecidedBy { get; private set; }

    /// <summary>Optimistic concurrency: bumped on every change.</summary>
    public int Version { get; private set; }

    public CaseFacts Facts => new(Product, ScreeningProfile, Sector, Channel, Mandatory, Screening);

    public bool LegalDeadlineMet => DecidedAt is { } at && LegalTime.ToLegalDate(at) <= LegalDeadline;

    public static ApplicationCase Receive(Guid id, ApplicationDetails application, WorkflowDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(definition);
        var receivedOn = LegalTime.ToLegalDate(application.ReceivedAt);
        return new ApplicationCase
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
            ReceivedOn = receivedOn,
            IntendedSubmissionDate = application.IntendedSubmissionDate,
            Mandatory = definition.Mandatory.Classify(application.Sector, application.ScreeningProfile),
            Status = CaseStatus.Received,
            LegalDeadline = DeadlineCalculator.Compute(receivedOn, definition.Term, screening: null),
        };
    }

    /// <summary>Records the records check; a record takes the case off the straight-through path and extends the term.</summary>
    public void RecordScreening(ScreeningResult result, WorkflowDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        Require(CaseStatus.Received, "record a screening result");
        Screening = result;
        LegalDeadline = DeadlineCalculator.Compute(ReceivedOn, definition.Term, result);
        Status = CaseStatus.Screened;
        Version++;
    }

    public void DecideAutomatically(DecisionOutcome outcome, DateTimeOffset at)
    {
        Require(CaseStatus.Screened, "be decided automatically");
        Decide(outcome, at, decidedBy: null);
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

    public void DecideAfterReview(DecisionOutcome outcome, DateTimeOffset at, string reviewer)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reviewer);
        Require(CaseStatus.AwaitingReview, "be decided by a reviewer");
        Decide(outcome, at, reviewer);
    }

    private void Decide(DecisionOutcome outcome, DateTimeOffset at, string? decidedBy)
    {
        Outcome = outcome;
        DecidedAt = at;
        DecidedBy = decidedBy;
        Status = CaseStatus.Decided;
        Version++;
    }

    private void Require(CaseStatus expected, string step)
    {
        if (Status != expected)
        {
            throw new InvalidCaseTransitionException(Id, Status, step);
        }
    }
}
