using BacklogFlow.Web.Security;
using Microsoft.AspNetCore.Identity;

namespace BacklogFlow.Web.Demo;

/// <summary>
/// With <c>--demo</c> only: one account per role, so a newcomer can sign in at once. The password is
/// the configured <see cref="DemoOptions.Password"/> (default in the README); never in production.
/// </summary>
internal sealed partial class DemoAccounts(IServiceScopeFactory scopes, DemoOptions options, ILogger<DemoAccounts> logger) : IHostedService
{
    public static readonly (string UserName, string Role)[] Accounts =
    [
        ("demo-caseworker", Roles.CaseWorker),
        ("demo-reviewer", Roles.CaseWorker),
        ("demo-supervisor", Roles.Supervisor),
        ("demo-admin", Roles.Admin),
    ];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        foreach (var (userName, role) in Accounts)
        {
            if (await users.FindByNameAsync(userName) is not null)
            {
                continue;
            }

            var user = new IdentityUser(userName);
            RoleSeeder.Ensure(await users.CreateAsync(user, options.Password), $"demo account {userName}");
            RoleSeeder.Ensure(await users.AddToRoleAsync(user, role), $"role {role} for {userName}");
        }

        LogAccounts(logger, string.Join(", ", Accounts.Select(a => $"{a.UserName} ({a.Role})")));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo mode: accounts {Accounts} exist with the demo password. Never run --demo in production.")]
    private static partial void LogAccounts(ILogger logger, string accounts);
}
