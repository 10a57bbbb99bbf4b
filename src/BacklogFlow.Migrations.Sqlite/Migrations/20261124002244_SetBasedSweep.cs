using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BacklogFlow.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SetBasedSweep : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // SQLite drops the columns in place (3.35 and later; none is indexed). EF Core's DropColumn
            // rebuilt the table with foreign keys off, outside the migration's transaction, and warned
            // so on every new database (the first thing a newcomer saw). Rewritten in the seventh
            // session: a database migrated earlier has the same columns either way.
            migrationBuilder.Sql("ALTER TABLE cases DROP COLUMN \"BreachRecordedAt\";");
            migrationBuilder.Sql("ALTER TABLE cases DROP COLUMN \"DeadlineWarning\";");
            migrationBuilder.Sql("ALTER TABLE cases DROP COLUMN \"LastSweptOn\";");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "BreachRecordedAt",
                table: "cases",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DeadlineWarning",
                table: "cases",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "LastSweptOn",
                table: "cases",
                type: "TEXT",
                nullable: true);
        }
    }
}
