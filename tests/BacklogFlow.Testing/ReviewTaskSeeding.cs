using BacklogFlow.Domain.Cases;
using BacklogFlow.Domain.Review;
using BacklogFlow.Domain.Screening;
using BacklogFlow.Domain.Workflows;
using BacklogFlow.Engine.Persistence;

namespace BacklogFlow.Testing;

/// <summary>
/// Screened cases with a record, stored straight into their review queues through the domain's own
/// factories (the same routing and deadlines as intake), for tests about queues and reviewers.
/// </summary>
public static class ReviewTaskSeeding
{
    public static async Task<List<ReviewTask>> SeedAsync(
        BacklogFlowDbContext db, WorkflowCatalog catalog, IEnumerable<ApplicationDetails> applications, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(applications);
        var tasks = new List<ReviewTask>();
        foreach (var application in applications)
        {
            var definition = catalog.Get(application.Product);
            var reviewCase = ApplicationCase.Receive(Guid.CreateVersion7(), application, definition, catalog.Calendar);
            var task = CaseRouter.AfterScreening(reviewCase, ScreeningResult.Record, definition, catalog.Calendar, now)
                ?? throw new InvalidOperationException("a case with a record must go to review");
            db.Cases.Add(reviewCase);
            db.ReviewTasks.Add(task);
            tasks.Add(task);
        }

        await db.SaveChangesAsync(cancellationToken);
        return tasks;
    }
}
