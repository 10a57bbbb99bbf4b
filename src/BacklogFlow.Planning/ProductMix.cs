namespace BacklogFlow.Planning;

/// <summary>
/// One product's part of the arrivals: its share of all applications, the share whose records check
/// finds a record (those go to review), and the sectors applicants give. The definition's mandatory
/// rules classify each sector, so the mandatory share follows from the definitions, not the scenario.
/// </summary>
public sealed record ProductMix(string Product, double Share, double RecordShare, IReadOnlyList<SectorShare> Sectors);
