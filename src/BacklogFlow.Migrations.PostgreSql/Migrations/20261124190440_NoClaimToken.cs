using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BacklogFlow.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class NoClaimToken : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_review_tasks_ClaimToken",
                table: "review_tasks");

            migrationBuilder.DropColumn(
                name: "ClaimToken",
                table: "review_tasks");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "ClaimToken",
                table: "review_tasks",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_review_tasks_ClaimToken",
                table: "review_tasks",
                column: "ClaimToken",
                unique: true);
        }
    }
}
