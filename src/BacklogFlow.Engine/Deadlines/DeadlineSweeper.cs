using System.Diagnostics;
using BacklogFlow.Domain.Cases;
using BacklogFlow.Domain.Deadlines;
using BacklogFlow.Domain.Review;
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
/// Escalates review tasks whose case has reached a deadline warning that names a class to the class
/// it names — set-based: the domain says which due dates reach which warning today
/// (<see cref="DeadlineRisk.Bands"/>) and which tasks an escalation moves
/// (<see cref="ReviewTask.EscalatedTo"/>); per escalating band one statement per queue and one each
/// for the held and the parked tasks move them all, several at once on PostgreSQL. No per-case timers and no
/// cases loaded: a sweep costs index ranges and the rows that change, and one that finds nothing
/// new writes nothing, so it runs every few minutes and a clock that moved (suspension, extension)
/// is picked up at the next pass. Warnings and breaches are not stored: they follow from a case's
/// dates and the day (<see cref="ApplicationCase.RiskOn"/>), and the dashboard counts them from the
/// dates.
/// </summary>
public sealed partial class DeadlineSweeper(
    IServiceScopeFactory scopes,
    WorkflowCatalog catalog,
    ServingOrder servingOrder,
    TimeProvider time,
    IOptions<DeadlineSweepOptions> options,
    IOptions<DatabaseOptions> database,
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
                var swept = await SweepAsync(stoppingToken);
                if (swept.Escalated > 0)
                {
                    LogSwept(logger, swept.Escalated, swept.Elapsed.TotalMilliseconds);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogSweepFailed(logger, ex);
            }

            await Task.Delay(options.Value.Interval, time, stoppingToken);
        }
    }

    /// <summary>
    /// One sweep as of now. Each statement commits on its own: a sweep stopped halfway leaves every
    /// task either moved or as it was, and the next sweep finishes the rest (a statement asks only
    /// for tasks not yet in the class).
    /// </summary>
    public Task<SweepResult> SweepAsync(CancellationToken cancellationToken) => SweepAsync(LegalTime.ToLegalDate(time.GetUtcNow()), cancellationToken);

    /// <summary>A sweep as it would be done on <paramref name="today"/> (the benchmark's days; a replay).</summary>
    public async Task<SweepResult> SweepAsync(DateOnly today, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var ranking = (await servingOrder.CurrentAsync(cancellationToken)).Ranking;
        var statements = (from escalation in Escalations(today)
                          from part in Parts()
                          select (escalation, part)).ToList();
        var escalated = 0;
        await Parallel.ForEachAsync(
            statements,
            new ParallelOptions { MaxDegreeOfParallelism = StatementsAtOnce, CancellationToken = cancellationToken },
            async (statement, token) =>
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<BacklogFlowDbContext>();
                Interlocked.Add(ref escalated, await EscalateAsync(db, statement.escalation, statement.part, ranking, token));
            });
        return new SweepResult(escalated, Stopwatch.GetElapsedTime(started));
    }

    /// <summary>SQLite has one writer: statements side by side would only queue for its lock.</summary>
    private int StatementsAtOnce => database.Value.Provider == DatabaseProvider.PostgreSql ? options.Value.Parallelism : 1;

    /// <summary>
    /// The parts a band's statements divide the open tasks into: per declared queue its claimable
    /// tasks (a range of the queue order's index: queue, class, due date), the held tasks and the
    /// parked tasks (each on its partial index). No statement reads the whole table: a million
    /// tasks, an ordinary day: 0.17–0.21 s against 0.31 s in one statement per band (bench sweep).
    /// Claimable tasks in a queue no definition declares are never claimed (<see cref="QueueRoster"/>)
    /// and so not escalated either.
    /// </summary>
    private IEnumerable<Part> Parts() =>
        catalog.AllQueues.Select(q => q.Name).Distinct(StringComparer.Ordinal).Select(Part.ClaimableIn)
            .Append(Part.Held).Append(Part.Parked);

    /// <summary>
    /// Moves the tasks of <paramref name="part"/> in one escalating band to the class it names: one
    /// statement, committed on its own, so it holds its row locks only while its own part is
    /// rewritten; two at once use both of the database's cores (the worst day, every one of a
    /// million tasks escalating: 5.7–7.0 s against 8.7 s one statement per band).
    /// </summary>
    private static Task<int> EscalateAsync(
        BacklogFlowDbContext db, Escalation escalation, Part part, ClassRanking ranking, CancellationToken cancellationToken) =>
        InBand(db, escalation, part, ranking).ExecuteUpdateAsync(
            set => set.SetProperty(t => t.PriorityClass, escalation.TargetClass).SetProperty(t => t.Version, t => t.Version + 1),
            cancellationToken);

    /// <summary>The tasks one statement of <see cref="EscalateAsync"/> moves (the tests explain its plan).</summary>
    internal static IQueryable<ReviewTask> InBand(BacklogFlowDbContext db, Escalation escalation, Part part, ClassRanking ranking)
    {
        // The task's due date follows its case's clock (ReviewTask.Reschedule). The product is
        // the case's (a supervisor may have moved the task to another product's queue); asked
        // only when the definitions disagree about this band (a semi-join over the cases).
        var (dueFrom, dueTo, targetClass, products) = escalation;
        var inBand = part.Of(db.ReviewTasks).Where(ReviewTask.EscalatedTo(targetClass, ranking)).Where(t => t.DueDate <= dueTo);
        if (dueFrom is { } from)
        {
            inBand = inBand.Where(t => t.DueDate >= from);
        }

        if (products is not null)
        {
            inBand = inBand.Where(t => db.Cases.Any(c => c.Id == t.CaseId && products.Contains(c.Product)));
        }

        return inBand;
    }

    /// <summary>
    /// Each escalating band of every definition <paramref name="today"/>, once per distinct band and
    /// target class, with the products it holds for (null when it holds for all of them).
    /// </summary>
    private IEnumerable<Escalation> Escalations(DateOnly today) =>
        from definition in catalog.Definitions
        from band in DeadlineRisk.Bands(definition.DeadlineWarnings, today)
        let targetClass = band.Warning.EscalateTo is { } target ? definition.FindPriorityClass(target) : null
        where targetClass is not null
        group definition.Product by (band.DueFrom, band.DueTo, Target: targetClass.Name) into same
        let products = same.ToArray()
        select new Escalation(same.Key.DueFrom, same.Key.DueTo, same.Key.Target,
            products.Length == catalog.Definitions.Count() ? null : products);

    /// <summary>One escalating band: the due dates it holds, the class it names, the products it holds for (null: all).</summary>
    internal sealed record Escalation(DateOnly? DueFrom, DateOnly DueTo, string TargetClass, string[]? Products);

    /// <summary>One statement's share of the open tasks: the claimable ones of a queue, the held ones or the parked ones.</summary>
    internal sealed class Part(Func<IQueryable<ReviewTask>, IQueryable<ReviewTask>> of)
    {
        public static readonly Part Held = new(tasks => tasks.Where(ReviewTask.IsHeld));
        public static readonly Part Parked = new(tasks => tasks.Where(ReviewTask.IsParked));

        public static Part ClaimableIn(string queue) => new(tasks => tasks.Where(ReviewTask.IsClaimable).Where(t => t.Queue == queue));

        public IQueryable<ReviewTask> Of(IQueryable<ReviewTask> tasks) => of(tasks);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deadline sweep: {Escalated} review tasks escalated ({Milliseconds:F0} ms)")]
    private static partial void LogSwept(ILogger logger, int escalated, double milliseconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Deadline sweep failed; trying again at the next interval")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
