using BacklogFlow.Domain.Cases;
using BacklogFlow.Domain.Review;
using BacklogFlow.Domain.Screening;
using BacklogFlow.Domain.Workflows;

namespace BacklogFlow.Benchmarks;

/// <summary>
/// What the benchmarks measure on: the real workflow definitions and Atw calendar (workflows/ of
/// the repository), and review tasks made by the domain the way intake makes them.
/// </summary>
public static class DomainFixtures
{
    private static readonly Lazy<WorkflowCatalog> LazyCatalog = new(() => WorkflowDefinitionLoader.LoadDirectory(FindWorkflows()));

    public static WorkflowCatalog Catalog => LazyCatalog.Value;

    /// <summary>The workflows/ folder the catalog is loaded from (scenarios/ are in it).</summary>
    public static string WorkflowsDirectory => FindWorkflows();

    /// <summary>The mix of products and sectors that fills every queue and priority class.</summary>
    public static readonly (string Product, string? Sector)[] Mix =
        [("vog-np", "childcare"), ("vog-np", "general"), ("vog-np", null), ("vog-np", "education"), ("vog-rp", "general"), ("gva", "taxi")];

    public static readonly DateTimeOffset Now = new(2021, 11, 23, 10, 0, 0, TimeSpan.FromHours(1));

    public static ApplicationDetails Application(int index, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var (product, sector) = Mix[index % Mix.Length];
        return new ApplicationDetails("bench", $"app-{index:D7}", product, $"ap-{random.NextInt64():x16}", sector ?? "general",
            ["11", "12"], sector, Channels.Web, Now.AddMinutes(-random.Next(1, 60 * 24 * 21)), IntendedSubmissionDate: null);
    }

    /// <summary><paramref name="count"/> review tasks, each of a case with a record, routed and ranked by the definitions.</summary>
    public static ReviewTask[] ReviewTasks(int count)
    {
        var random = new Random(count);
        var catalog = Catalog;
        return [.. Enumerable.Range(0, count).Select(i =>
        {
            var application = Application(i, random);
            var definition = catalog.Get(application.Product);
            var reviewCase = ApplicationCase.Receive(Guid.CreateVersion7(), application, definition, catalog.Calendar);
            return CaseRouter.AfterScreening(reviewCase, ScreeningResult.Record, definition, catalog.Calendar, Now)
                ?? throw new InvalidOperationException("a case with a record goes to review");
        })];
    }

    /// <summary>
    /// workflows/ beside the binary (copied by the build), else above it: BenchmarkDotNet runs the
    /// benchmarks from a generated project in a folder of its own.
    /// </summary>
    private static string FindWorkflows()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "workflows");
            if (File.Exists(Path.Combine(candidate, "vog-np" + WorkflowDefinitionLoader.FileSuffix)))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException($"no workflows/ with the definitions at or above {AppContext.BaseDirectory}");
    }
}
