using BacklogFlow.Domain.Cases;
using BacklogFlow.Domain.Deadlines;

namespace BacklogFlow.Planning;

/// <summary>
/// A case waiting for review in the live backlog, as the planner starts from it: its product, its
/// clock (the deadline ledger as stored, so the planner derives its dates with the domain as the
/// engine does), whether it is mandatory, and the queue and priority class its review task is in.
/// </summary>
public sealed record OpenCase(
    string Product,
    DeadlineLedger Clock,
    DateTimeOffset ReceivedAt,
    MandatoryStatus Mandatory,
    string Queue,
    string PriorityClass);
