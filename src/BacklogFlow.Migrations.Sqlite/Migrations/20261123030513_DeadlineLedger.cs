using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BacklogFlow.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class DeadlineLedger : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_cases_Status_LegalDeadline",
                table: "cases");

            migrationBuilder.AddColumn<string>(
                name: "Clock",
                table: "cases",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<DateOnly>(
                name: "EffectiveDueDate",
                table: "cases",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            migrationBuilder.AddColumn<DateOnly>(
                name: "ServicePromiseDeadline",
                table: "cases",
                type: "TEXT",
                nullable: true);

            // Cases from before the ledger keep their stored deadline as their due date; their clock starts
            // empty (no production data predates this migration).
            migrationBuilder.Sql("UPDATE cases SET \"EffectiveDueDate\" = \"LegalDeadline\";");

            migrationBuilder.CreateIndex(
                name: "IX_cases_Status_EffectiveDueDate",
                table: "cases",
                columns: new[] { "Status", "EffectiveDueDate" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_cases_Status_EffectiveDueDate",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "Clock",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "EffectiveDueDate",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "ServicePromiseDeadline",
                table: "cases");

            migrationBuilder.CreateIndex(
                name: "IX_cases_Status_LegalDeadline",
                table: "cases",
                columns: new[] { "Status", "LegalDeadline" });
        }
    }
}
