using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BacklogFlow.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ClaimableIndexAndLeaseReaper : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_review_tasks_queue_order",
                table: "review_tasks");

            migrationBuilder.CreateIndex(
                name: "ix_review_tasks_leases",
                table: "review_tasks",
                column: "LeaseExpiresAt",
                filter: "\"CompletedAt\" IS NULL AND \"LeaseExpiresAt\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_review_tasks_queue_order",
                table: "review_tasks",
                columns: new[] { "Queue", "ClassRank", "DueDate", "ReceivedAt" },
                filter: "\"CompletedAt\" IS NULL AND \"LeaseExpiresAt\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_review_tasks_leases",
                table: "review_tasks");

            migrationBuilder.DropIndex(
                name: "ix_review_tasks_queue_order",
                table: "review_tasks");

            migrationBuilder.CreateIndex(
                name: "ix_review_tasks_queue_order",
                table: "review_tasks",
                columns: new[] { "Queue", "ClassRank", "DueDate", "ReceivedAt" },
                filter: "\"CompletedAt\" IS NULL");
        }
    }
}
