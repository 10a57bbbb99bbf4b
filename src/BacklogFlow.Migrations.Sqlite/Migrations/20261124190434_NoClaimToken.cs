using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BacklogFlow.Migrations.Sqlite.Migrations
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

            // As in ClassRankAppliedAtClaim: SQLite drops the column in place (3.35 and later, once
            // its index is gone); EF Core's DropColumn would rebuild the table with foreign keys off,
            // outside the migration's transaction.
            migrationBuilder.Sql("ALTER TABLE review_tasks DROP COLUMN \"ClaimToken\";");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "ClaimToken",
                table: "review_tasks",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_review_tasks_ClaimToken",
                table: "review_tasks",
                column: "ClaimToken",
                unique: true);
        }
    }
}
