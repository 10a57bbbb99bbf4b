using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BacklogFlow.Migrations.Sqlite.Migrations
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
                type: "TEXT",
                nullable: true);

            // Cases decided before this column existed get the legal date of their decision. SQLite keeps
            // the instant as UTC ticks and knows no time zones, so Europe/Amsterdam is spelled out: CEST
            // (+2) from the last Sunday of March 01:00 UTC to the last Sunday of October 01:00 UTC, else CET (+1).
            migrationBuilder.Sql("""
                UPDATE cases SET "DecidedOn" = (
                    SELECT date(s, CASE
                        WHEN s >= datetime(date(strftime('%Y', s) || '-03-31', '-6 days', 'weekday 0'), '+1 hour')
                         AND s < datetime(date(strftime('%Y', s) || '-10-31', '-6 days', 'weekday 0'), '+1 hour')
                        THEN '+2 hours' ELSE '+1 hour' END)
                    FROM (SELECT datetime((cases."DecidedAt" - 621355968000000000) / 10000000, 'unixepoch') AS s))
                WHERE "DecidedAt" IS NOT NULL;
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
