using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Collectif.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OrganizationVerification : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "VerificationEvidence",
                table: "Organizations",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VerificationMethod",
                table: "Organizations",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "VerifiedAt",
                table: "Organizations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "OrganizationVerifications",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrganizationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Method = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Target = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    Secret = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    RequestedById = table.Column<int>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CompletedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OrganizationVerifications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OrganizationVerifications_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_OrganizationVerifications_OrganizationId",
                table: "OrganizationVerifications",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_OrganizationVerifications_Secret",
                table: "OrganizationVerifications",
                column: "Secret");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "OrganizationVerifications");

            migrationBuilder.DropColumn(
                name: "VerificationEvidence",
                table: "Organizations");

            migrationBuilder.DropColumn(
                name: "VerificationMethod",
                table: "Organizations");

            migrationBuilder.DropColumn(
                name: "VerifiedAt",
                table: "Organizations");
        }
    }
}
