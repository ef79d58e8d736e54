using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Collectif.Data.Migrations.Postgres
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
                type: "integer",
                nullable: false,
                defaultValue: 5);

            migrationBuilder.CreateTable(
                name: "AbuseRules",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Kind = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    List = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Pattern = table.Column<string>(type: "character varying(253)", maxLength: 253, nullable: false),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedByEmail = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AbuseRules", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "InstanceSecrets",
                columns: table => new
                {
                    Name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    ProtectedValue = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InstanceSecrets", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "PetitionAlerts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    StatementId = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Value = table.Column<string>(type: "character varying(253)", maxLength: 253, nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: false),
                    RaisedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DismissedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    StatementId = table.Column<int>(type: "integer", nullable: false),
                    Goal = table.Column<int>(type: "integer", nullable: true),
                    ClosesAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Postcode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Country = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    AllowComment = table.Column<bool>(type: "boolean", nullable: false),
                    PartnerOrganizationId = table.Column<int>(type: "integer", nullable: true),
                    RetentionMonths = table.Column<int>(type: "integer", nullable: false),
                    PersonalDataErasedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ProofOfWork = table.Column<bool>(type: "boolean", nullable: false),
                    Response = table.Column<string>(type: "character varying(50000)", maxLength: 50000, nullable: true),
                    ResponseFrom = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    ResponseDate = table.Column<DateOnly>(type: "date", nullable: true)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    StatementId = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    FirstName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    LastName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ProtectedEmail = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    EmailKey = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    EmailDomain = table.Column<string>(type: "character varying(253)", maxLength: 253, nullable: true),
                    Postcode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: true),
                    Country = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: true),
                    Departement = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: true),
                    Comment = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Public = table.Column<bool>(type: "boolean", nullable: false),
                    Language = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    CoalitionOptInAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CoalitionOptInWording = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    OrganizationOptInId = table.Column<int>(type: "integer", nullable: true),
                    OrganizationOptInAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    OrganizationOptInWording = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    RevisionHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    NetworkPrefix = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ConfirmedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    TokenHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ConfirmationSentAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Commitment = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: true),
                    LedgerSequence = table.Column<int>(type: "integer", nullable: true),
                    EndedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    EndReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
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
