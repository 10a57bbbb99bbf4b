using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Diagnostics;
using BacklogFlow.Engine;
using BacklogFlow.Engine.Observability;
using BacklogFlow.Web.Api;
using BacklogFlow.Web.Demo;
using BacklogFlow.Web.Planning;
using BacklogFlow.Web.Security;
using BacklogFlow.Web.Ui;

namespace BacklogFlow.Web;

/// <summary>
/// The web host: the engine (it consumes intake too when embedded), health and metrics, Identity,
/// the pages for people (Razor Pages, anti-forgery on every form, Dutch and English), and the REST
/// API with problem+json errors and an OpenAPI document at /openapi/v1.json.
/// </summary>
public static class WebHostSetup
{
    public static WebApplicationBuilder AddBacklogFlowWeb(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddBacklogFlowEngine(builder.Configuration);
        services.AddBacklogFlowTelemetry(builder.Configuration);
        services.AddBacklogFlowSecurity(builder.Configuration);
        services.AddProblemDetails();
        services.AddExceptionHandler<DomainExceptionHandler>();

        // A body or parameter the endpoint cannot read (a date that does not exist, JSON that is not
        // JSON) is the caller's mistake: 400 problem+json, as in production, never a 500.
        services.Configure<ExceptionHandlerOptions>(options =>
            options.StatusCodeSelector = exception => exception is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError);
        services.AddOpenApi();
        services.AddHttpContextAccessor();
        services.AddScoped<UiLanguage>();
        services.AddOptions<PlannerOptions>().Bind(builder.Configuration.GetSection(PlannerOptions.Section));
        services.AddScoped<LivePlanner>();
        services.AddRazorPages(pages =>
        {
            pages.Conventions.AuthorizeFolder("/Work", Policies.Review);
            pages.Conventions.AuthorizeFolder("/Supervise", Policies.Supervise);
            pages.Conventions.AllowAnonymousToFolder("/Account");
        });

        // Hosted services start in registration order: these run after the engine's migrations.
        services.AddHostedService<RoleSeeder>();
        var demo = builder.Configuration.GetSection(DemoOptions.Section).Get<DemoOptions>() ?? new DemoOptions();
        if (demo.Enabled)
        {
            Validator.ValidateObject(demo, new ValidationContext(demo), validateAllProperties: true);
            services.AddSingleton(demo);
            services.AddHostedService<DemoAccounts>();
            services.AddSingleton<DemoBacklog>();
            services.AddHostedService(sp => sp.GetRequiredService<DemoBacklog>());
        }

        return builder;
    }

    public static WebApplication UseBacklogFlowWeb(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseStaticFiles();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapBacklogFlowObservability();
        app.MapOpenApi().AllowAnonymous();
        var api = app.MapGroup("/api");
        api.MapAuthEndpoints();
        api.MapReviewEndpoints();
        api.MapSupervisionEndpoints();
        api.MapOutageEndpoints();
        api.MapDashboardEndpoints();
        api.MapRebalancingEndpoints();
        api.MapPlanEndpoints();
        app.MapRazorPages();
        return app;
    }
}
