using BacklogFlow.Domain.Screening;

namespace BacklogFlow.Engine.Screening;

/// <summary>
/// The port to the judicial-records system (the Justitiële Documentatie), which is outside our
/// reach. A real adapter fills this port in production; <see cref="SimulatedJudicialRecordsCheck"/>
/// stands in for it everywhere else.
/// </summary>
public interface IJudicialRecordsCheck
{
    ValueTask<ScreeningResult> CheckAsync(RecordsCheckRequest request, CancellationToken cancellationToken);
}
