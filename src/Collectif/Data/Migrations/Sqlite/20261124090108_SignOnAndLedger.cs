using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Collectif.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SignOnAndLedger : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "AccountId",
                table: "StatementSignatories",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ContentHash",
                table: "StatementSignatories",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "StatementSignatories",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "Imported");

            migrationBuilder.AddColumn<int>(
                name: "LedgerSequence",
                table: "StatementSignatories",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RevisionNumber",
                table: "StatementSignatories",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "WithdrawalReason",
                table: "StatementSignatories",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "WithdrawnAt",
                table: "StatementSignatories",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CurrentContentHash",
                table: "Statements",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "GroupSignatoriesByKind",
                table: "Coalitions",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "LedgerCheckpoints",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    StatementId = table.Column<int>(type: "INTEGER", nullable: false),
                    Sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    Hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Time = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Signature = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LedgerCheckpoints", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LedgerCheckpoints_Statements_StatementId",
                        column: x => x.StatementId,
                        principalTable: "Statements",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "LedgerEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    StatementId = table.Column<int>(type: "INTEGER", nullable: false),
                    Sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    PreviousHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RevisionHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Signer = table.Column<string>(type: "TEXT", maxLength: 700, nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Time = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LedgerEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LedgerEntries_Statements_StatementId",
                        column: x => x.StatementId,
                        principalTable: "Statements",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SigningKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PublicKeyPem = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    ProtectedPrivateKey = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SigningKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SignOns",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    StatementId = table.Column<int>(type: "INTEGER", nullable: false),
                    RevisionNumber = table.Column<int>(type: "INTEGER", nullable: false),
                    ConsentRule = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Deadline = table.Column<DateTime>(type: "TEXT", nullable: false),
                    OpenedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    OpenedByEmail = table.Column<string>(type: "TEXT", maxLength: 254, nullable: true),
                    ClosedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RemindedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SignOns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SignOns_Statements_StatementId",
                        column: x => x.StatementId,
                        principalTable: "Statements",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SignOnAnswers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SignOnId = table.Column<int>(type: "INTEGER", nullable: false),
                    OrganizationId = table.Column<int>(type: "INTEGER", nullable: false),
                    AccountId = table.Column<int>(type: "INTEGER", nullable: true),
                    Choice = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    RevisionNumber = table.Column<int>(type: "INTEGER", nullable: false),
                    ContentHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    AnsweredAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SignOnAnswers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SignOnAnswers_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_SignOnAnswers_SignOns_SignOnId",
                        column: x => x.SignOnId,
                        principalTable: "SignOns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SignOnInvitations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SignOnId = table.Column<int>(type: "INTEGER", nullable: false),
                    OrganizationId = table.Column<int>(type: "INTEGER", nullable: false),
                    IsPartner = table.Column<bool>(type: "INTEGER", nullable: false),
                    InvitedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SignOnInvitations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SignOnInvitations_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_SignOnInvitations_SignOns_SignOnId",
                        column: x => x.SignOnId,
                        principalTable: "SignOns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_LedgerCheckpoints_StatementId_Sequence",
                table: "LedgerCheckpoints",
                columns: new[] { "StatementId", "Sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_LedgerEntries_StatementId_Sequence",
                table: "LedgerEntries",
                columns: new[] { "StatementId", "Sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SignOnAnswers_OrganizationId",
                table: "SignOnAnswers",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_SignOnAnswers_SignOnId_OrganizationId",
                table: "SignOnAnswers",
                columns: new[] { "SignOnId", "OrganizationId" });

            migrationBuilder.CreateIndex(
                name: "IX_SignOnInvitations_OrganizationId",
                table: "SignOnInvitations",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_SignOnInvitations_SignOnId_OrganizationId",
                table: "SignOnInvitations",
                columns: new[] { "SignOnId", "OrganizationId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SignOns_StatementId",
                table: "SignOns",
                column: "StatementId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "LedgerCheckpoints");

            migrationBuilder.DropTable(
                name: "LedgerEntries");

            migrationBuilder.DropTable(
                name: "SigningKeys");

            migrationBuilder.DropTable(
                name: "SignOnAnswers");

            migrationBuilder.DropTable(
                name: "SignOnInvitations");

            migrationBuilder.DropTable(
                name: "SignOns");

            migrationBuilder.DropColumn(
                name: "AccountId",
                table: "StatementSignatories");

            migrationBuilder.DropColumn(
                name: "ContentHash",
                table: "StatementSignatories");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "StatementSignatories");

            migrationBuilder.DropColumn(
                name: "LedgerSequence",
                table: "StatementSignatories");

            migrationBuilder.DropColumn(
                name: "RevisionNumber",
                table: "StatementSignatories");

            migrationBuilder.DropColumn(
                name: "WithdrawalReason",
                table: "StatementSignatories");

            migrationBuilder.DropColumn(
                name: "WithdrawnAt",
                table: "StatementSignatories");

            migrationBuilder.DropColumn(
                name: "CurrentContentHash",
                table: "Statements");

            migrationBuilder.DropColumn(
                name: "GroupSignatoriesByKind",
                table: "Coalitions");
        }
    }
}
