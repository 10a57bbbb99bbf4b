using BacklogFlow.Domain.Cases;
using BacklogFlow.Domain.Deadlines;
using BacklogFlow.Engine.Deadlines;
using BacklogFlow.Engine.Persistence;
using BacklogFlow.Engine.Priorities;
using Microsoft.EntityFrameworkCore;

namespace BacklogFlow.Engine.Reporting;

/// <summary>
/// The supervisor's dashboard, as of today's legal date. Every figure is a GROUP BY or COUNT in the
/// database over indexed columns (the open-task index, the (status, due date) index, the receipt
/// and decision dates); no case is loaded, except the few with a running penalty, which
/// <see cref="PenaltyExposureQuery"/> streams to let the domain compute the Awb 4:17 amounts.
/// </summary>
public sealed class DashboardQuery(BacklogFlowDbContext db, PenaltyExposureQuery penalties, ServingOrder servingOrder, TimeProvider time)
{
    public const int MaxDays = 366;

    /// <summary>Due "this week": today and the six days after.</summary>
    public const int WeekDays = 7;

    /// <param name="days">How many legal days, ending today, the rates and the burn-down cover (1 to <see cref="MaxDays"/>).</param>
    public async Task<Dashboard> GetAsync(int days, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(days, MaxDays);
        var now = time.GetUtcNow();
        var today = LegalTime.ToLegalDate(now);
        return new Dashboard(
            today,
            await OpenWorkAsync(now, cancellationToken),
            await DeadlineRiskAsync(today, cancellationToken),
            await DaysAsync(today.AddDays(1 - days), today, cancellationToken));
    }

    private async Task<IReadOnlyList<OpenWorkGroup>> OpenWorkAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var groups = await (
                from task in db.ReviewTasks.AsNoTracking()
                where task.CompletedAt == null
                join reviewCase in db.Cases.AsNoTracking() on task.CaseId equals reviewCase.Id
                group task by new { task.Queue, task.PriorityClass, reviewCase.Product } into g
                select new
                {
                    g.Key.Queue,
                    g.Key.PriorityClass,
                    g.Key.Product,
                    Tasks = g.Count(),
                    Held = g.Count(t => t.LeaseExpiresAt > now),
                    AwaitingHearing = g.Count(t => t.ParkedUntil != null),
                    OldestReceipt = g.Min(t => t.ReceivedAt),
                    EarliestDueDate = g.Min(t => t.DueDate),
                })
            .ToListAsync(cancellationToken);
        var ranking = (await servingOrder.CurrentAsync(cancellationToken)).Ranking;
        return groups
            .Select(g => new OpenWorkGroup(g.Queue, g.PriorityClass, ranking.ServingRankOf(g.PriorityClass), g.Product, g.Tasks, g.Held, g.AwaitingHearing, g.OldestReceipt, g.EarliestDueDate))
            .OrderBy(g => g.ClassRank).ThenBy(g => g.Queue, StringComparer.Ordinal).ThenBy(g => g.Product, StringComparer.Ordinal)
            .ToList();
    }

    private async Task<DashboardDeadlineRisk> DeadlineRiskAsync(DateOnly today, CancellationToken cancellationToken)
    {
        var weekEnd = today.AddDays(WeekDays);
        var byMandatory = await db.Cases.AsNoTracking()
            .Where(c => c.Status != CaseStatus.Decided)
            .GroupBy(c => c.Mandatory)
            .Select(g => new MandatoryFigures(
                g.Key,
                g.Count(),
                g.Count(c => c.EffectiveDueDate < today),
                g.Count(c => c.LegalDeadline < today),
                g.Count(c => c.EffectiveDueDate >= today && c.EffectiveDueDate < weekEnd)))
            .ToListAsync(cancellationToken);

        RiskCount Count(Func<MandatoryFigures, int> figure) => new(
            byMandatory.Sum(figure),
            byMandatory.Where(g => g.Mandatory == MandatoryStatus.Mandatory).Sum(figure),
            byMandatory.Where(g => g.Mandatory == MandatoryStatus.Unknown).Sum(figure));

        return new DashboardDeadlineRisk(
            byMandatory.Sum(g => g.Open),
            Count(g => g.Overdue),
            Count(g => g.LegalDeadlinePassed),
            Count(g => g.DueWithinWeek),
            await penalties.TotalAsync(today, cancellationToken));
    }

    /// <summary>
    /// Receipts and decisions are counted per legal day by their stored dates (<c>ReceivedOn</c>,
    /// <c>DecidedOn</c>), which the domain derives in Europe/Amsterdam, so no database has to know
    /// time zones. The burn-down follows from them: the cases open at the end of day D are those
    /// received on or before D and not decided on or before D, i.e. what was open before the first
    /// day (two counts) plus the running sums of received minus decided. A case counts from its legal
    /// receipt, even if the legacy system forwarded it to the engine later.
    /// </summary>
    private async Task<IReadOnlyList<DashboardDay>> DaysAsync(DateOnly first, DateOnly last, CancellationToken cancellationToken)
    {
        var cases = db.Cases.AsNoTracking();
        var receivedBefore = await cases.CountAsync(c => c.ReceivedOn < first, cancellationToken);
        var decidedBefore = await cases.CountAsync(c => c.DecidedOn < first, cancellationToken);
        var received = await cases
            .Where(c => c.ReceivedOn >= first && c.ReceivedOn <= last)
            .GroupBy(c => c.ReceivedOn)
            .Select(g => new { Day = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Day, g => g.Count, cancellationToken);
        var decided = await cases
            .Where(c => c.DecidedOn >= first && c.DecidedOn <= last)
            .GroupBy(c => new { c.DecidedOn, c.DecidedAutomatically })
            .Select(g => new { Day = g.Key.DecidedOn!.Value, g.Key.DecidedAutomatically, Count = g.Count() })
            .ToListAsync(cancellationToken);

        var open = receivedBefore - decidedBefore;
        var result = new List<DashboardDay>();
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            var automatic = decided.Where(d => d.Day == day && d.DecidedAutomatically).Sum(d => d.Count);
            var afterReview = decided.Where(d => d.Day == day && !d.DecidedAutomatically).Sum(d => d.Count);
            var receivedThatDay = received.GetValueOrDefault(day);
            open += receivedThatDay - automatic - afterReview;
            result.Add(new DashboardDay(day, receivedThatDay, automatic, afterReview, open));
        }

        return result;
    }

    private sealed record MandatoryFigures(MandatoryStatus Mandatory, int Open, int Overdue, int LegalDeadlinePassed, int DueWithinWeek);
}
