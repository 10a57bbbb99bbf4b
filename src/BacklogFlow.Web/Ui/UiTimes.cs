using BacklogFlow.Domain.Deadlines;

namespace BacklogFlow.Web.Ui;

/// <summary>Instants as people here read them: in Europe/Amsterdam, the zone the legal dates are counted in.</summary>
public static class UiTimes
{
    public static string Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, LegalTime.Zone).ToString("yyyy-MM-dd HH:mm:ss");
}
