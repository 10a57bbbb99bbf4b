using BacklogFlow.Domain.Workflows;
using BacklogFlow.Engine.Audit;
using BacklogFlow.Engine.Deadlines;
using BacklogFlow.Engine.Outages;
using BacklogFlow.Engine.Intake;
using BacklogFlow.Engine.Messaging;
using BacklogFlow.Engine.Observability;
using BacklogFlow.Engine.Persistence;
using BacklogFlow.Engine.Priorities;
using BacklogFlow.Engine.Quarantine;
using BacklogFlow.Engine.Reporting;
using BacklogFlow.Engine.Review;
using BacklogFlow.Engine.Screening;
using BacklogFlow.Engine.Workflows;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BacklogFlow.Engine;

public static class EngineServiceCollectionExtensions
{
    /// <summary>The whole engine: everything in <see cref="AddBacklogFlowEngineCore"/> plus its bus.</summary>
    /// <param name="consumeIntake">False for a process that only publishes and reads while engine workers elsewhere consume.</param>
    public static IServiceCollection AddBacklogFlowEngine(
        this IServiceCollection services,
        IConfiguration configuration,
        Action<IBusRegistrationConfigurator>? configureBus = null,
        bool consumeIntake = true)
    {
        services.AddBacklogFlowEngineCore(configuration);
        ArgumentNullException.ThrowIfNull(configuration);

        // The transport is chosen while services are registered, before options can be resolved;
        // it is validated with the other options when the host starts.
        var messaging = configuration.GetSection(MessagingOptions.Section).Get<MessagingOptions>() ?? new MessagingOptions();
        services.AddMassTransit(bus => bus.ConfigureEngineBus(messaging, configureBus, consumeIntake: consumeIntake));
        services.AddSingleton(sp => AdmissionLimits.For(
            sp.GetRequiredService<IOptions<IntakeOptions>>().Value, sp.GetRequiredService<IOptions<MessagingOptions>>().Value, consumeIntake));
        services.AddHostedService<AdmissionLimitsReport>();
        services.AddHealthChecks().AddCheck<AdmissionHealthCheck>("intake-admission", tags: [TelemetrySetup.ReadyTag]);
        return services;
    }

    /// <summary>
    /// Everything but the bus registration (which a test harness wraps). Hosted services start in
    /// this order: workflow check, migrations, outbox dispatcher, and then the bus.
    /// </summary>
    public static IServiceCollection AddBacklogFlowEngineCore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddValidatedOptions<DatabaseOptions>(configuration, DatabaseOptions.Section);
        services.AddValidatedOptions<WorkflowOptions>(configuration, WorkflowOptions.Section);
        services.AddValidatedOptions<ScreeningOptions>(configuration, ScreeningOptions.Section);
        services.AddValidatedOptions<ReviewOptions>(configuration, ReviewOptions.Section);
        services.AddValidatedOptions<IntakeOptions>(configuration, IntakeOptions.Section);
        services.AddValidatedOptions<MessagingOptions>(configuration, MessagingOptions.Section);
        services.AddValidatedOptions<DeadlineSweepOptions>(configuration, DeadlineSweepOptions.Section);

        services.AddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddSingleton<EngineMetrics>();
        services.AddSingleton(sp => WorkflowDefinitionLoader.LoadDirectory(sp.GetRequiredService<IOptions<WorkflowOptions>>().Value.Directory));
        services.AddHostedService<WorkflowCatalogStartupCheck>();

        services.AddBacklogFlowDatabase();
        services.AddHostedService(sp => sp.GetRequiredService<DatabaseMigrator>());
        services.AddHostedService<SqliteCheckpointer>();

        services.AddSingleton<IJudicialRecordsCheck, SimulatedJudicialRecordsCheck>();
        services.AddScoped<ApplicationIntake>();
        services.AddSingleton<IntakeBatcher>();
        services.AddSingleton<AdmissionGate>();
        services.AddScoped<ReviewWorkQueue>();
        services.AddScoped<QueueSettings>();
        services.AddScoped<ClassRankings>();
        services.AddScoped<BulkMoves>();
        services.AddSingleton<ServingOrder>();
        services.AddSingleton<QueueRoster>();
        services.AddSingleton<FairShares>();
        services.AddSingleton<SqliteWriteTurns>();
        services.AddScoped<BacklogAccountQuery>();
        services.AddScoped<DashboardQuery>();
        services.AddScoped<LiveBacklogQuery>();
        services.AddScoped<CaseClock>();
        services.AddSingleton<RegisteredOutages>();
        services.AddScoped<OutageRegistry>();
        services.AddScoped<PenaltyExposureQuery>();
        services.AddScoped<QuarantineActions>();
        services.AddScoped<AuditLog>();

        services.AddSingleton<OutboxDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());

        services.AddSingleton<DeadlineSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<DeadlineSweeper>());

        services.AddSingleton<LeaseReaper>();
        services.AddHostedService(sp => sp.GetRequiredService<LeaseReaper>());
        return services;
    }

    private static void AddValidatedOptions<TOptions>(this IServiceCollection services, IConfiguration configuration, string section)
        where TOptions : class =>
        services.AddOptions<TOptions>().Bind(configuration.GetSection(section)).ValidateDataAnnotations().ValidateOnStart();
}
