using BacklogFlow.Domain.Workflows;
using BacklogFlow.Engine.Intake;
using BacklogFlow.Engine.Messaging;
using BacklogFlow.Engine.Persistence;
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
    /// <summary>The migrations of each provider live in their own assembly, which the host references.</summary>
    public const string SqliteMigrationsAssembly = "BacklogFlow.Migrations.Sqlite";

    /// <summary>The whole engine: everything in <see cref="AddBacklogFlowEngineCore"/> plus its bus.</summary>
    public static IServiceCollection AddBacklogFlowEngine(
        this IServiceCollection services, IConfiguration configuration, Action<IBusRegistrationConfigurator>? configureBus = null)
    {
        services.AddBacklogFlowEngineCore(configuration);
        services.AddMassTransit(bus => bus.ConfigureEngineBus(configureBus));
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

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => WorkflowDefinitionLoader.LoadDirectory(sp.GetRequiredService<IOptions<WorkflowOptions>>().Value.Directory));
        services.AddHostedService<WorkflowCatalogStartupCheck>();

        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<OutboxSaveChangesInterceptor>();
        services.AddDbContext<BacklogFlowDbContext>((sp, db) =>
        {
            var options = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            db.UseSqlite(options.ConnectionString, sqlite => sqlite.MigrationsAssembly(SqliteMigrationsAssembly));
            db.AddInterceptors(sp.GetRequiredService<OutboxSaveChangesInterceptor>());
        });
        services.AddSingleton<DatabaseMigrator>();
        services.AddHostedService(sp => sp.GetRequiredService<DatabaseMigrator>());

        services.AddSingleton<IJudicialRecordsCheck, SimulatedJudicialRecordsCheck>();
        services.AddScoped<ApplicationIntake>();
        services.AddScoped<ReviewWorkQueue>();
        services.AddScoped<BacklogAccountQuery>();

        services.AddSingleton<OutboxDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
        return services;
    }

    private static void AddValidatedOptions<TOptions>(this IServiceCollection services, IConfiguration configuration, string section)
        where TOptions : class =>
        services.AddOptions<TOptions>().Bind(configuration.GetSection(section)).ValidateDataAnnotations().ValidateOnStart();
}
