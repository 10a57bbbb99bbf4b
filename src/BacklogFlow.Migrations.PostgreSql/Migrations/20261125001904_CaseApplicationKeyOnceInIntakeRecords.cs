using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BacklogFlow.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class CaseApplicationKeyOnceInIntakeRecords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_cases_SourceSystem_ApplicationId",
                table: "cases");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_cases_SourceSystem_ApplicationId",
                table: "cases",
                columns: new[] { "SourceSystem", "ApplicationId" },
                unique: true);
        }
    }
}
