using BacklogFlow.Engine.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace BacklogFlow.Migrations.Sqlite;

/// <summary>Lets `dotnet ef migrations add` build the model for SQLite without starting a host.</summary>
public sealed class SqliteDesignTimeDbContextFactory : IDesignTimeDbContextFactory<BacklogFlowDbContext>
{
    public BacklogFlowDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<BacklogFlowDbContext>()
            .UseSqlite("Data Source=design-time.db", sqlite => sqlite.MigrationsAssembly(DatabaseRegistration.SqliteMigrationsAssembly))
            .Options);
}
