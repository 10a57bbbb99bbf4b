namespace BacklogFlow.Domain.Deadlines;

/// <summary>
/// A clock event is refused: it contradicts the law or the other events (an extension over the cap or
/// noticed too late, force majeure without a notice, an interval that ends before it starts).
/// </summary>
public sealed class DeadlineLedgerException(string message) : Exception(message);
