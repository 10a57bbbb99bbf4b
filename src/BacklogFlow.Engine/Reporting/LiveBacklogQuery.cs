using BacklogFlow.Domain.Deadlines;
using BacklogFlow.Engine.Persistence;
using BacklogFlow.Engine.Priorities;
using BacklogFlow.Planning;
using Microsoft.EntityFrameworkCore;

namespace BacklogFlow.Engine.Reporting;

/// <summary>
/// The live backlog as the planner needs it: the open review tasks (one statement over the open-task
/// index joined to their cases, reading the stored clock so the planner derives every date with the
/// domain), plus the ranking and queue weights the claim uses now.
/// </summary>
public sealed class LiveBacklogQuery(BacklogFlowDbContext db, ClassRankings rankings, QueueSettings queues, TimeProvider time)
{
    public async Task<LiveBacklog> GetAsync(CancellationToken cancellationToken)
    {
        var today = LegalTime.ToLegalDate(time.GetUtcNow());
        var open = await (
                from task in db.ReviewTasks.AsNoTracking()
                where task.CompletedAt == null
                join reviewCase in db.Cases.AsNoTracking() on task.CaseId equals reviewCase.Id
                orderby task.ReceivedAt, task.Id
                select new { reviewCase.Product, reviewCase.Clock, reviewCase.ReceivedAt, reviewCase.Mandatory, task.Queue, task.PriorityClass })
            .ToListAsync(cancellationToken);
        var ranking = await rankings.InForceAsync(cancellationToken);
        var settings = await queues.AllAsync(cancellationToken);
        return new LiveBacklog(
            today,
            [.. open.Select(o => new OpenCase(o.Product, o.Clock, o.ReceivedAt, o.Mandatory, o.Queue, o.PriorityClass))],
            ranking.Ranking,
            settings.ToDictionary(s => s.Queue, s => s.Weight, StringComparer.Ordinal));
    }
}
