using BacklogFlow.Domain.Screening;
using BacklogFlow.Engine.Screening;

namespace BacklogFlow.Engine.Tests.Support;

/// <summary>
/// The judicial-records system (an edge we do not own) timing out: the first
/// <see cref="FailuresLeft"/> calls throw, later ones find no record.
/// </summary>
public sealed class FailingRecordsCheck(int failures) : IJudicialRecordsCheck
{
    private int _failuresLeft = failures;
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    public int FailuresLeft
    {
        get => Volatile.Read(ref _failuresLeft);
        set => Volatile.Write(ref _failuresLeft, value);
    }

    public ValueTask<ScreeningResult> CheckAsync(RecordsCheckRequest request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        return Interlocked.Decrement(ref _failuresLeft) >= 0
            ? throw new TimeoutException("the judicial records system did not answer within 30 s")
            : ValueTask.FromResult(ScreeningResult.NoRecord);
    }
}
