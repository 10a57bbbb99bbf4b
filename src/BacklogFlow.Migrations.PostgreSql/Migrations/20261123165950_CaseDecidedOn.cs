using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BacklogFlow.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class CaseDecidedOn : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "DecidedOn",
                table: "cases",
                type: "date",
                nullable: true);

            // Cases decided before this column existed get the legal date of their decision, as the domain computes it.
            migrationBuilder.Sql("""
                UPDATE cases SET "DecidedOn" = ("DecidedAt" AT TIME ZONE 'Europe/Amsterdam')::date WHERE "DecidedAt" IS NOT NULL;
                """);

            migrationBuilder.CreateIndex(
                name: "IX_cases_DecidedOn",
                table: "cases",
                column: "DecidedOn");

            migrationBuilder.CreateIndex(
                name: "IX_cases_ReceivedOn",
                table: "cases",
                column: "ReceivedOn");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_cases_DecidedOn",
                table: "cases");

            migrationBuilder.DropIndex(
                name: "IX_cases_ReceivedOn",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "DecidedOn",
                table: "cases");
        }
    }
}
