using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BacklogFlow.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class QueueLedClaimIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_review_tasks_queue_order",
                table: "review_tasks");

            migrationBuilder.CreateIndex(
                name: "ix_review_tasks_queue_order",
                table: "review_tasks",
                columns: new[] { "Queue", "ClassRank", "DueDate", "ReceivedAt" },
                filter: "\"CompletedAt\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_review_tasks_queue_order",
                table: "review_tasks");

            migrationBuilder.CreateIndex(
                name: "ix_review_tasks_queue_order",
                table: "review_tasks",
                columns: new[] { "ClassRank", "DueDate", "ReceivedAt" },
                filter: "\"CompletedAt\" IS NULL");
        }
    }
}
