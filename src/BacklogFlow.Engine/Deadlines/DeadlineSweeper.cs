using BacklogFlow.Domain.Cases;
using BacklogFlow.Domain.Deadlines;
using BacklogFlow.Domain.Workflows;
using BacklogFlow.Engine.Persistence;
using BacklogFlow.Engine.Priorities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BacklogFlow.Engine.Deadlines;

/// <summary>
/// Walks open cases that are due within the widest warning threshold, in batches over the
/// (status, effective due date) index: flags the warnings the definitions set, escalates at-risk
/// review tasks to the class the warning names, and records breaches of the legal deadline. No
/// per-case timers: a case is looked at once a day (again as soon as its clock changes), so the
/// work drains however large the backlog, and batches are paced.
/// </summary>
public sealed partial class DeadlineSweeper(
    IServiceScopeFactory scopes,
    WorkflowCatalog catalog,
    ServingOrder servingOrder,
    TimeProvider time,
    IOptions<DeadlineSweepOptions> options,
    ILogger<DeadlineSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ReconcileRanksAsync(stoppingToken);
                var total = SweepBatchResult.Empty;
                while (await SweepBatchAsync(total.LastDue, stoppingToken) is { Examined: > 0 } batch)
                {
                    total = total.Add(batch);
                    await Task.Delay(options.Value.PauseBetweenBatches, time, stoppingToken);
                }

                if (total.Examined > 0)
                {
                    LogSwept(logger, total.Examined, total.Warned, total.Escalated, total.Breached);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogSweepFailed(logger, ex);
            }

            await Task.Delay(options.Value.Interval, time, stoppingToken);
        }
    }

    /// <summary>Puts right the rank of open tasks another process ranked by an order it had not yet seen.</summary>
    public async Task ReconcileRanksAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var reranked = await scope.ServiceProvider.GetRequiredService<ClassRankings>().ReconcileAsync(cancellationToken);
        if (reranked > 0)
        {
            LogReranked(logger, reranked);
        }
    }

    /// <summary>Sweeps one batch; an empty result means everything due is looked at for today.</summary>
    public Task<SweepBatchResult> SweepBatchAsync(CancellationToken cancellationToken) => SweepBatchAsync(null, cancellationToken);

    /// <summary>
    /// Sweeps the next batch of a sweep that has reached <paramref name="dueFrom"/> (the previous
    /// batch's <see cref="SweepBatchResult.LastDue"/>). Without it each batch would skip, in the
    /// index, every case already swept today before reaching the next: a sweep of n cases read
    /// n²/batch rows (1,000,000 cases took about 15 minutes). From the cursor it re-reads at most
    /// the swept cases of one due date.
    /// </summary>
    public async Task<SweepBatchResult> SweepBatchAsync(DateOnly? dueFrom, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var today = LegalTime.ToLegalDate(now);
        var horizon = today.AddDays(DeadlineRisk.Horizon(catalog.Definitions));

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BacklogFlowDbContext>();
        var due = db.Cases.Where(c => c.Status != CaseStatus.Decided && c.EffectiveDueDate <= horizon);
        if (dueFrom is { } from)
        {
            due = due.Where(c => c.EffectiveDueDate >= from);
        }

        var cases = await due
            .Where(c => c.LastSweptOn == null || c.LastSweptOn < today)
            .OrderBy(c => c.EffectiveDueDate)
            .Take(options.Value.BatchSize)
            .ToListAsync(cancellationToken);
        if (cases.Count == 0)
        {
            return SweepBatchResult.Empty;
        }

        var caseIds = cases.Select(c => c.Id).ToArray();
        var openTasks = await db.ReviewTasks
            .Where(t => caseIds.Contains(t.CaseId) && t.CompletedAt == null)
            .ToDictionaryAsync(t => t.CaseId, cancellationToken);

        var ranking = (await servingOrder.CurrentAsync(cancellationToken)).Ranking;
        int warned = 0, escalated = 0, breached = 0;
        foreach (var open in cases)
        {
            var definition = catalog.Get(open.Product);
            var risk = DeadlineRisk.Assess(open.EffectiveDueDate, open.LegalDeadline, today, definition.DeadlineWarnings);
            var wasBreached = open.BreachRecordedAt is not null;
            var previousWarning = open.DeadlineWarning;
            open.RecordDeadlineRisk(risk, today, now);
            warned += open.DeadlineWarning != previousWarning ? 1 : 0;
            breached += !wasBreached && open.BreachRecordedAt is not null ? 1 : 0;

            if (risk.Warning?.EscalateTo is { } target
                && openTasks.TryGetValue(open.Id, out var task)
                && definition.FindPriorityClass(target) is { } targetClass
                && task.EscalateTo(targetClass, ranking))
            {
                escalated++;
            }
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // A worker changed one of these cases or tasks meanwhile; the next batch sees it afresh.
            return new SweepBatchResult(cases.Count, 0, 0, 0, cases[^1].EffectiveDueDate);
        }

        return new SweepBatchResult(cases.Count, warned, escalated, breached, cases[^1].EffectiveDueDate);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deadline sweep: {Examined} cases looked at, {Warned} warnings, {Escalated} escalated, {Breached} breaches")]
    private static partial void LogSwept(ILogger logger, int examined, int warned, int escalated, int breached);

    [LoggerMessage(Level = LogLevel.Information, Message = "Priority order: {Reranked} open tasks re-ranked to the order in force")]
    private static partial void LogReranked(ILogger logger, int reranked);

    [LoggerMessage(Level = LogLevel.Error, Message = "Deadline sweep failed; trying again at the next interval")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
