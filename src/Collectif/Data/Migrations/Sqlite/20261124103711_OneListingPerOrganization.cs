using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Collectif.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OneListingPerOrganization : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_StatementSignatories_StatementId_OrganizationId",
                table: "StatementSignatories");

            migrationBuilder.CreateIndex(
                name: "IX_StatementSignatories_StatementId_OrganizationId",
                table: "StatementSignatories",
                columns: new[] { "StatementId", "OrganizationId" },
                unique: true,
                filter: "\"OrganizationId\" IS NOT NULL AND \"WithdrawnAt\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_StatementSignatories_StatementId_OrganizationId",
                table: "StatementSignatories");

            migrationBuilder.CreateIndex(
                name: "IX_StatementSignatories_StatementId_OrganizationId",
                table: "StatementSignatories",
                columns: new[] { "StatementId", "OrganizationId" });
        }
    }
}
