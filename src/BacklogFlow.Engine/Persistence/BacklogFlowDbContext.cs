using BacklogFlow.Domain.Cases;
using BacklogFlow.Domain.Outages;
using BacklogFlow.Domain.Review;
using BacklogFlow.Engine.Audit;
using BacklogFlow.Engine.Intake;
using BacklogFlow.Engine.Messaging;
using BacklogFlow.Engine.Priorities;
using BacklogFlow.Engine.Quarantine;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace BacklogFlow.Engine.Persistence;

/// <summary>
/// The engine's one database: cases, queues, intake bookkeeping, quarantine, outbox, audit, and the
/// people who work the queues (ASP.NET Core Identity's tables), so a single migration set per
/// provider brings everything up to date and an audit entry can commit with the change it records.
/// </summary>
public sealed class BacklogFlowDbContext(DbContextOptions<BacklogFlowDbContext> options) : IdentityDbContext<IdentityUser>(options)
{
    public DbSet<ApplicationCase> Cases => Set<ApplicationCase>();
    public DbSet<ReviewTask> ReviewTasks => Set<ReviewTask>();
    public DbSet<IntakeRecord> IntakeRecords => Set<IntakeRecord>();
    public DbSet<ProcessedMessage> ProcessedMessages => Set<ProcessedMessage>();
    public DbSet<QuarantinedMessage> QuarantinedMessages => Set<QuarantinedMessage>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<OutageWindow> OutageWindows => Set<OutageWindow>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<QueueState> QueueStates => Set<QueueState>();
    public DbSet<ClassRankingSetting> ClassRanking => Set<ClassRankingSetting>();

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

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(BacklogFlowDbContext).Assembly);
    }
}
