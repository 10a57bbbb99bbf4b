using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BacklogFlow.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class FourEyesReview : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "RefusalIntendedBy",
                table: "review_tasks",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "HearingEndsOn",
                table: "cases",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "HearingResponseAt",
                table: "cases",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "RefusalIntendedAt",
                table: "cases",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RefusalIntendedBy",
                table: "cases",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RefusalIntentReason",
                table: "cases",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "RefusalIntendedBy",
                table: "review_tasks");

            migrationBuilder.DropColumn(
                name: "HearingEndsOn",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "HearingResponseAt",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "RefusalIntendedAt",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "RefusalIntendedBy",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "RefusalIntentReason",
                table: "cases");
        }
    }
}
