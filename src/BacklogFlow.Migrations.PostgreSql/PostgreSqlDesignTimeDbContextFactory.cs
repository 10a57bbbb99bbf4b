using BacklogFlow.Engine.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace BacklogFlow.Migrations.PostgreSql;

/// <summary>Lets `dotnet ef migrations add` build the model for PostgreSQL without a server.</summary>
public sealed class PostgreSqlDesignTimeDbContextFactory : IDesignTimeDbContextFactory<BacklogFlowDbContext>
{
    public BacklogFlowDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<BacklogFlowDbContext>()
            .UseNpgsql("Host=localhost;Database=design-time", npgsql => npgsql.MigrationsAssembly(DatabaseRegistration.PostgreSqlMigrationsAssembly))
            .Options);
}
