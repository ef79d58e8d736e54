using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Collectif.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Petitions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Priority",
                table: "OutboxMessages",
                type: "INTEGER",
                nullable: false,
                defaultValue: 5);

            migrationBuilder.CreateTable(
                name: "AbuseRules",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    List = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Pattern = table.Column<string>(type: "TEXT", maxLength: 253, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedByEmail = table.Column<string>(type: "TEXT", maxLength: 254, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AbuseRules", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "InstanceSecrets",
                columns: table => new
                {
                    Name = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    ProtectedValue = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InstanceSecrets", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "PetitionAlerts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    StatementId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Value = table.Column<string>(type: "TEXT", maxLength: 253, nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false),
                    RaisedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DismissedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PetitionAlerts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PetitionAlerts_Statements_StatementId",
                        column: x => x.StatementId,
                        principalTable: "Statements",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Petitions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    StatementId = table.Column<int>(type: "INTEGER", nullable: false),
                    Goal = table.Column<int>(type: "INTEGER", nullable: true),
                    ClosesAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Postcode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Country = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    AllowComment = table.Column<bool>(type: "INTEGER", nullable: false),
                    PartnerOrganizationId = table.Column<int>(type: "INTEGER", nullable: true),
                    RetentionMonths = table.Column<int>(type: "INTEGER", nullable: false),
                    PersonalDataErasedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ProofOfWork = table.Column<bool>(type: "INTEGER", nullable: false),
                    Response = table.Column<string>(type: "TEXT", maxLength: 50000, nullable: true),
                    ResponseFrom = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    ResponseDate = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Petitions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Petitions_Organizations_PartnerOrganizationId",
                        column: x => x.PartnerOrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_Petitions_Statements_StatementId",
                        column: x => x.StatementId,
                        principalTable: "Statements",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PetitionSignatures",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    StatementId = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    FirstName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    LastName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ProtectedEmail = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    EmailKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    EmailDomain = table.Column<string>(type: "TEXT", maxLength: 253, nullable: true),
                    Postcode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: true),
                    Country = table.Column<string>(type: "TEXT", maxLength: 2, nullable: true),
                    Departement = table.Column<string>(type: "TEXT", maxLength: 3, nullable: true),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Public = table.Column<bool>(type: "INTEGER", nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 5, nullable: false),
                    CoalitionOptInAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CoalitionOptInWording = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    OrganizationOptInId = table.Column<int>(type: "INTEGER", nullable: true),
                    OrganizationOptInAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    OrganizationOptInWording = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    RevisionHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    NetworkPrefix = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ConfirmedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    TokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ConfirmationSentAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Commitment = table.Column<string>(type: "TEXT", maxLength: 80, nullable: true),
                    LedgerSequence = table.Column<int>(type: "INTEGER", nullable: true),
                    EndedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    EndReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PetitionSignatures", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PetitionSignatures_Statements_StatementId",
                        column: x => x.StatementId,
                        principalTable: "Statements",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PetitionAlerts_StatementId",
                table: "PetitionAlerts",
                column: "StatementId");

            migrationBuilder.CreateIndex(
                name: "IX_Petitions_PartnerOrganizationId",
                table: "Petitions",
                column: "PartnerOrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_Petitions_StatementId",
                table: "Petitions",
                column: "StatementId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PetitionSignatures_EmailKey",
                table: "PetitionSignatures",
                column: "EmailKey");

            migrationBuilder.CreateIndex(
                name: "IX_PetitionSignatures_StatementId_EmailKey",
                table: "PetitionSignatures",
                columns: new[] { "StatementId", "EmailKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PetitionSignatures_StatementId_Status_ConfirmedAt",
                table: "PetitionSignatures",
                columns: new[] { "StatementId", "Status", "ConfirmedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PetitionSignatures_Status_CreatedAt",
                table: "PetitionSignatures",
                columns: new[] { "Status", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PetitionSignatures_TokenHash",
                table: "PetitionSignatures",
                column: "TokenHash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AbuseRules");

            migrationBuilder.DropTable(
                name: "InstanceSecrets");

            migrationBuilder.DropTable(
                name: "PetitionAlerts");

            migrationBuilder.DropTable(
                name: "Petitions");

            migrationBuilder.DropTable(
                name: "PetitionSignatures");

            migrationBuilder.DropColumn(
                name: "Priority",
                table: "OutboxMessages");
        }
    }
}
