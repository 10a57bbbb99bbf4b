using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BacklogFlow.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class PenaltyFirstDay : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "PenaltyFirstDay",
                table: "cases",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_cases_PenaltyFirstDay",
                table: "cases",
                column: "PenaltyFirstDay");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_cases_PenaltyFirstDay",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "PenaltyFirstDay",
                table: "cases");
        }
    }
}
