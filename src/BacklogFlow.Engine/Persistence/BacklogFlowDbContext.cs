using BacklogFlow.Domain.Cases;
using BacklogFlow.Domain.Outages;
using BacklogFlow.Domain.Review;
using BacklogFlow.Engine.Intake;
using BacklogFlow.Engine.Messaging;
using BacklogFlow.Engine.Quarantine;
using Microsoft.EntityFrameworkCore;

namespace BacklogFlow.Engine.Persistence;

public sealed class BacklogFlowDbContext(DbContextOptions<BacklogFlowDbContext> options) : DbContext(options)
{
    public DbSet<ApplicationCase> Cases => Set<ApplicationCase>();
    public DbSet<ReviewTask> ReviewTasks => Set<ReviewTask>();
    public DbSet<IntakeRecord> IntakeRecords => Set<IntakeRecord>();
    public DbSet<ProcessedMessage> ProcessedMessages => Set<ProcessedMessage>();
    public DbSet<QuarantinedMessage> QuarantinedMessages => Set<QuarantinedMessage>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<OutageWindow> OutageWindows => Set<OutageWindow>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);

        // SQLite has no instant type and EF cannot order or compare DateTimeOffset stored as text, so
        // instants are stored as UTC ticks there; PostgreSQL keeps its native timestamptz.
        if (Database.IsSqlite())
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        }

        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(BacklogFlowDbContext).Assembly);
}
