using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BacklogFlow.Migrations.Sqlite.Migrations
{
    /// <summary>
    /// The audit log's indexes in the order it is read: (Subject, Id) and (Actor, Id) instead of by
    /// time, which no query reads by (see AuditEntryConfiguration).
    /// </summary>
    public partial class AuditIndexesInTheLogsOrder : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_audit_entries_Actor_At",
                table: "audit_entries");

            migrationBuilder.DropIndex(
                name: "IX_audit_entries_At",
                table: "audit_entries");

            migrationBuilder.DropIndex(
                name: "IX_audit_entries_Subject_At",
                table: "audit_entries");

            migrationBuilder.CreateIndex(
                name: "IX_audit_entries_Actor_Id",
                table: "audit_entries",
                columns: new[] { "Actor", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_audit_entries_Subject_Id",
                table: "audit_entries",
                columns: new[] { "Subject", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_audit_entries_Actor_Id",
                table: "audit_entries");

            migrationBuilder.DropIndex(
                name: "IX_audit_entries_Subject_Id",
                table: "audit_entries");

            migrationBuilder.CreateIndex(
                name: "IX_audit_entries_Actor_At",
                table: "audit_entries",
                columns: new[] { "Actor", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_audit_entries_At",
                table: "audit_entries",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_audit_entries_Subject_At",
                table: "audit_entries",
                columns: new[] { "Subject", "At" });
        }
    }
}
