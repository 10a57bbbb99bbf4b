using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BacklogFlow.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class ParkTasksAwaitingHearing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_review_tasks_queue_order",
                table: "review_tasks");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ParkedUntil",
                table: "review_tasks",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_review_tasks_parked",
                table: "review_tasks",
                column: "ParkedUntil",
                filter: "\"CompletedAt\" IS NULL AND \"ParkedUntil\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_review_tasks_queue_order",
                table: "review_tasks",
                columns: new[] { "Queue", "PriorityClass", "DueDate", "ReceivedAt" },
                filter: "\"CompletedAt\" IS NULL AND \"LeaseExpiresAt\" IS NULL AND \"ParkedUntil\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_review_tasks_parked",
                table: "review_tasks");

            migrationBuilder.DropIndex(
                name: "ix_review_tasks_queue_order",
                table: "review_tasks");

            migrationBuilder.DropColumn(
                name: "ParkedUntil",
                table: "review_tasks");

            migrationBuilder.CreateIndex(
                name: "ix_review_tasks_queue_order",
                table: "review_tasks",
                columns: new[] { "Queue", "PriorityClass", "DueDate", "ReceivedAt" },
                filter: "\"CompletedAt\" IS NULL AND \"LeaseExpiresAt\" IS NULL");
        }
    }
}
