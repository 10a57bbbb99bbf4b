namespace BacklogFlow.Planning;

/// <summary>Extra hours per reviewer from <see cref="From"/> through <see cref="Until"/>: on working days, and on Saturdays.</summary>
public sealed record Overtime(DateOnly From, DateOnly Until, double HoursPerWorkingDay, double SaturdayHours);
