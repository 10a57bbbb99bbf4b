namespace BacklogFlow.Planning;

/// <summary>
/// Reviewers work <see cref="HoursPerDay"/> on working days (by the holiday calendar) at
/// <see cref="ReviewsPerHour"/>; <see cref="Overtime"/> adds hours in its period.
/// </summary>
public sealed record ReviewerCapacity(int Count, double ReviewsPerHour, double HoursPerDay, Overtime? Overtime)
{
    /// <summary>Reviews one reviewer decides on <paramref name="day"/>.</summary>
    public double ReviewsPerReviewerOn(DateOnly day, bool workingDay)
    {
        var hours = workingDay ? HoursPerDay : 0;
        if (Overtime is { } overtime && day >= overtime.From && day <= overtime.Until)
        {
            hours += workingDay ? overtime.HoursPerWorkingDay
                : day.DayOfWeek == DayOfWeek.Saturday ? overtime.SaturdayHours : 0;
        }

        return hours * ReviewsPerHour;
    }
}
