namespace BacklogFlow.Domain.Workflows;

/// <summary>
/// The decision term of a product. <see cref="RecordExtensionWeeks"/> are added when the records
/// check finds a record and the case leaves the straight-through path (vog-np: 4 + 4 weeks);
/// <see cref="MaxExtensionWeeks"/> caps a further extension (verdaging) with a notice.
/// </summary>
public sealed record StatutoryTerm(int Weeks, int RecordExtensionWeeks, int MaxExtensionWeeks, string LegalBasis);
