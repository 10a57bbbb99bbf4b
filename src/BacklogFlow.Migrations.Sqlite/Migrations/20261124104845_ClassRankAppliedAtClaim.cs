using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BacklogFlow.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ClassRankAppliedAtClaim : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_review_tasks_queue_order",
                table: "review_tasks");

            // SQLite drops an unindexed column in place (3.35 and later); EF Core's DropColumn would
            // rebuild the table with foreign keys off, outside the migration's transaction.
            migrationBuilder.Sql("ALTER TABLE review_tasks DROP COLUMN \"ClassRank\";");

            migrationBuilder.CreateIndex(
                name: "ix_review_tasks_queue_order",
                table: "review_tasks",
                columns: new[] { "Queue", "PriorityClass", "DueDate", "ReceivedAt" },
                filter: "\"CompletedAt\" IS NULL AND \"LeaseExpiresAt\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_review_tasks_queue_order",
                table: "review_tasks");

            migrationBuilder.AddColumn<int>(
                name: "ClassRank",
                table: "review_tasks",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateIndex(
                name: "ix_review_tasks_queue_order",
                table: "review_tasks",
                columns: new[] { "Queue", "ClassRank", "DueDate", "ReceivedAt" },
                filter: "\"CompletedAt\" IS NULL AND \"LeaseExpiresAt\" IS NULL");
        }
    }
}
