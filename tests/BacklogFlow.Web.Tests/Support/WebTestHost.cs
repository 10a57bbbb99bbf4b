using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using BacklogFlow.Domain.Cases;
using BacklogFlow.Domain.Review;
using BacklogFlow.Domain.Workflows;
using BacklogFlow.Engine.Persistence;
using BacklogFlow.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace BacklogFlow.Web.Tests.Support;

/// <summary>
/// The real web host (Program) on a fresh SQLite file and the in-memory bus, with fake time at
/// Tue 2 Nov 2021 09:00 UTC. Users are made through Identity; requests sign in for a bearer token.
/// The engine's intake counter is listened to from before the host starts.
/// </summary>
/// <param name="settings">Configuration on top of the defaults, as a deployment would set it (e.g. the demo mode's).</param>
/// <param name="configureServices">Replacements at the edges (an identity provider's metadata...).</param>
public sealed class WebTestHost(
    IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? configureServices = null)
    : WebApplicationFactory<Program>
{
    public const string Password = "a-test-password-2021";

    public static readonly DateTimeOffset Start = new(2021, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly string _directory = Directory.CreateTempSubdirectory("backlogflow-web-").FullName;

    public FakeTimeProvider Time { get; } = new(Start);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("BacklogFlow:Database:ConnectionString", $"Data Source={Path.Combine(_directory, "web.db")}");
        builder.UseSetting("BacklogFlow:DeadlineSweep:Enabled", "false");
        builder.UseSetting("BacklogFlow:Review:LeaseReaperEnabled", "false");
        builder.UseSetting("BacklogFlow:Workflows:Directory", Path.Combine(LocalServers.RepositoryRoot, "workflows"));
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Time);
            services.AddSingleton<IntakeCounter>();
            services.AddHostedService<ListenToIntake>();
            configureServices?.Invoke(services);
        });
    }

    /// <summary>An account with <see cref="Password"/> and the given roles.</summary>
    public async Task CreateUserAsync(string userName, params string[] roles)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = new IdentityUser(userName);
        (await users.CreateAsync(user, Password)).Succeeded.Should().BeTrue();
        foreach (var role in roles)
        {
            (await users.AddToRoleAsync(user, role)).Succeeded.Should().BeTrue();
        }
    }

    /// <summary>The engine's intake counter (backlogflow.intake.messages).</summary>
    public IntakeCounter Intake => Services.GetRequiredService<IntakeCounter>();

    public async Task<HttpClient> SignedInAsync(string userName, params string[] roles)
    {
        await CreateUserAsync(userName, roles);
        var client = CreateClient();
        using var login = await client.PostAsJsonAsync("/api/auth/login", new { userName, password = Password }, Cancel);
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async Task<List<ReviewTask>> SeedReviewTasksAsync(params ApplicationDetails[] applications)
    {
        await using var scope = Services.CreateAsyncScope();
        return await ReviewTaskSeeding.SeedAsync(
            scope.ServiceProvider.GetRequiredService<BacklogFlowDbContext>(),
            scope.ServiceProvider.GetRequiredService<WorkflowCatalog>(),
            applications, Time.GetUtcNow(), Cancel);
    }

    public async Task<T> QueryAsync<T>(Func<BacklogFlowDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<BacklogFlowDbContext>());
    }

    public static ApplicationDetails Application(string sector = "education", string product = "vog-np") => new(
        "justis-legacy", $"app-{Guid.NewGuid():N}"[..16], product, $"ap-{Guid.NewGuid():N}", "general", ["11"], sector,
        Channels.Web, Start.AddHours(-1), null);

    /// <summary>Hosted services are all made before any starts: this one makes the counter listen before the first message.</summary>
    private sealed class ListenToIntake(IntakeCounter counter) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            GC.KeepAlive(counter); // made, and so listening, by now
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
