using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BacklogFlow.Migrations.PostgreSql.Migrations
{
    /// <summary>
    /// The engine sends the claim statement itself (BacklogFlow.Engine.Review.ClaimStatement says why):
    /// the function claim_next_task is no longer called.
    /// </summary>
    public partial class ClaimSentAsAStatement : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(ClaimFunction.DropFunctionSql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(ClaimFunction.CreateFunctionSql);
        }
    }
}
