using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BacklogFlow.Migrations.PostgreSql.Migrations
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
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "HearingEndsOn",
                table: "cases",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "HearingResponseAt",
                table: "cases",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "RefusalIntendedAt",
                table: "cases",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RefusalIntendedBy",
                table: "cases",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RefusalIntentReason",
                table: "cases",
                type: "character varying(2000)",
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
