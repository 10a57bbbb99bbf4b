namespace BacklogFlow.Engine.Priorities;

/// <summary>A review queue as a supervisor sees it: the definition's facts and the settings in force.</summary>
public sealed record QueueSetting(
    string Queue,
    string Product,
    string Description,
    bool Paused,
    int Weight,
    int DeclaredWeight,
    string? ChangedBy,
    DateTimeOffset? ChangedAt,
    int Version);
