namespace BacklogFlow.Planning;

/// <summary>A sector applicants give, or none (<see cref="Sector"/> null: "unknown"), and its share of the product's applications.</summary>
public sealed record SectorShare(string? Sector, double Share);
