namespace BacklogFlow.Engine.Reporting;

/// <summary>
/// Open review tasks of one queue, priority class and product. <see cref="Held"/> of them are being
/// reviewed (a live lease), <see cref="AwaitingHearing"/> wait out of the queue while the applicant is
/// heard on an intent to refuse; the rest wait to be claimed. <see cref="ClassRank"/> is the class's place
/// in the serving order in force.
/// </summary>
public sealed record OpenWorkGroup(
    string Queue,
    string PriorityClass,
    int ClassRank,
    string Product,
    int Tasks,
    int Held,
    int AwaitingHearing,
    DateTimeOffset OldestReceipt,
    DateOnly EarliestDueDate);
