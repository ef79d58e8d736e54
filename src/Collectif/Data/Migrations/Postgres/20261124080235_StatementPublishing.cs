using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Collectif.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class StatementPublishing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "About",
                table: "Statements",
                type: "character varying(8000)",
                maxLength: 8000,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "AmendmentsFrozen",
                table: "Statements",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTime>(
                name: "ArchivedAt",
                table: "Statements",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "BylineOrganizationId",
                table: "Statements",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ConsultationDeadline",
                table: "Statements",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DatelineCity",
                table: "Statements",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DatelineCountry",
                table: "Statements",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ImageAlt",
                table: "Statements",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ImageCaption",
                table: "Statements",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ImageContentType",
                table: "Statements",
                type: "character varying(50)",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ImageCredit",
                table: "Statements",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ImageUpdatedAt",
                table: "Statements",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "MediaContacts",
                table: "Statements",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Salutation",
                table: "Statements",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ScheduledAt",
                table: "Statements",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SearchText",
                table: "Statements",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "SearchTitle",
                table: "Statements",
                type: "character varying(400)",
                maxLength: 400,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "TranslatedFromRevision",
                table: "Statements",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "TranslationOfId",
                table: "Statements",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "About",
                table: "StatementRevisions",
                type: "character varying(8000)",
                maxLength: 8000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DatelineCity",
                table: "StatementRevisions",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DatelineCountry",
                table: "StatementRevisions",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "MediaContacts",
                table: "StatementRevisions",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Salutation",
                table: "StatementRevisions",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Amendments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    StatementId = table.Column<int>(type: "integer", nullable: false),
                    RevisionNumber = table.Column<int>(type: "integer", nullable: false),
                    Paragraph = table.Column<int>(type: "integer", nullable: false),
                    Passage = table.Column<string>(type: "character varying(5000)", maxLength: 5000, nullable: false),
                    Replacement = table.Column<string>(type: "character varying(5000)", maxLength: 5000, nullable: false),
                    Reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    AuthorId = table.Column<int>(type: "integer", nullable: false),
                    AuthorEmail = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    OrganizationId = table.Column<int>(type: "integer", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    DecisionReason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    DecidedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DecidedByEmail = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    AcceptedInRevision = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Amendments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Amendments_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_Amendments_Statements_StatementId",
                        column: x => x.StatementId,
                        principalTable: "Statements",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "StatementComments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    StatementId = table.Column<int>(type: "integer", nullable: false),
                    RevisionNumber = table.Column<int>(type: "integer", nullable: false),
                    Paragraph = table.Column<int>(type: "integer", nullable: false),
                    Text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    AuthorId = table.Column<int>(type: "integer", nullable: false),
                    AuthorEmail = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    OrganizationId = table.Column<int>(type: "integer", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StatementComments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StatementComments_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_StatementComments_Statements_StatementId",
                        column: x => x.StatementId,
                        principalTable: "Statements",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "StatementImages",
                columns: table => new
                {
                    StatementId = table.Column<int>(type: "integer", nullable: false),
                    Content = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StatementImages", x => x.StatementId);
                    table.ForeignKey(
                        name: "FK_StatementImages_Statements_StatementId",
                        column: x => x.StatementId,
                        principalTable: "Statements",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "StatementPdfs",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    StatementId = table.Column<int>(type: "integer", nullable: false),
                    Key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Content = table.Column<byte[]>(type: "bytea", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StatementPdfs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StatementPdfs_Statements_StatementId",
                        column: x => x.StatementId,
                        principalTable: "Statements",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "StatementSlugRedirects",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Slug = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    StatementId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StatementSlugRedirects", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StatementSlugRedirects_Statements_StatementId",
                        column: x => x.StatementId,
                        principalTable: "Statements",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "StatementTags",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    StatementId = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Slug = table.Column<string>(type: "character varying(70)", maxLength: 70, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StatementTags", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StatementTags_Statements_StatementId",
                        column: x => x.StatementId,
                        principalTable: "Statements",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Statements_BylineOrganizationId",
                table: "Statements",
                column: "BylineOrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_Statements_Status",
                table: "Statements",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_Statements_TranslationOfId",
                table: "Statements",
                column: "TranslationOfId");

            migrationBuilder.CreateIndex(
                name: "IX_Amendments_OrganizationId",
                table: "Amendments",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_Amendments_StatementId_Status",
                table: "Amendments",
                columns: new[] { "StatementId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_StatementComments_OrganizationId",
                table: "StatementComments",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_StatementComments_StatementId",
                table: "StatementComments",
                column: "StatementId");

            migrationBuilder.CreateIndex(
                name: "IX_StatementPdfs_StatementId_Key",
                table: "StatementPdfs",
                columns: new[] { "StatementId", "Key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_StatementSlugRedirects_Slug",
                table: "StatementSlugRedirects",
                column: "Slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_StatementSlugRedirects_StatementId",
                table: "StatementSlugRedirects",
                column: "StatementId");

            migrationBuilder.CreateIndex(
                name: "IX_StatementTags_Slug",
                table: "StatementTags",
                column: "Slug");

            migrationBuilder.CreateIndex(
                name: "IX_StatementTags_StatementId_Slug",
                table: "StatementTags",
                columns: new[] { "StatementId", "Slug" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_Statements_Organizations_BylineOrganizationId",
                table: "Statements",
                column: "BylineOrganizationId",
                principalTable: "Organizations",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);

            migrationBuilder.AddForeignKey(
                name: "FK_Statements_Statements_TranslationOfId",
                table: "Statements",
                column: "TranslationOfId",
                principalTable: "Statements",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Statements_Organizations_BylineOrganizationId",
                table: "Statements");

            migrationBuilder.DropForeignKey(
                name: "FK_Statements_Statements_TranslationOfId",
                table: "Statements");

            migrationBuilder.DropTable(
                name: "Amendments");

            migrationBuilder.DropTable(
                name: "StatementComments");

            migrationBuilder.DropTable(
                name: "StatementImages");

            migrationBuilder.DropTable(
                name: "StatementPdfs");

            migrationBuilder.DropTable(
                name: "StatementSlugRedirects");

            migrationBuilder.DropTable(
                name: "StatementTags");

            migrationBuilder.DropIndex(
                name: "IX_Statements_BylineOrganizationId",
                table: "Statements");

            migrationBuilder.DropIndex(
                name: "IX_Statements_Status",
                table: "Statements");

            migrationBuilder.DropIndex(
                name: "IX_Statements_TranslationOfId",
                table: "Statements");

            migrationBuilder.DropColumn(
                name: "About",
                table: "Statements");

            migrationBuilder.DropColumn(
                name: "AmendmentsFrozen",
                table: "Statements");

            migrationBuilder.DropColumn(
                name: "ArchivedAt",
                table: "Statements");

            migrationBuilder.DropColumn(
                name: "BylineOrganizationId",
                table: "Statements");

            migrationBuilder.DropColumn(
                name: "ConsultationDeadline",
                table: "Statements");

            migrationBuilder.DropColumn(
                name: "DatelineCity",
                table: "Statements");

            migrationBuilder.DropColumn(
                name: "DatelineCountry",
                table: "Statements");

            migrationBuilder.DropColumn(
                name: "ImageAlt",
                table: "Statements");

            migrationBuilder.DropColumn(
                name: "ImageCaption",
                table: "Statements");

            migrationBuilder.DropColumn(
                name: "ImageContentType",
                table: "Statements");

            migrationBuilder.DropColumn(
                name: "ImageCredit",
                table: "Statements");

            migrationBuilder.DropColumn(
                name: "ImageUpdatedAt",
                table: "Statements");

            migrationBuilder.DropColumn(
                name: "MediaContacts",
                table: "Statements");

            migrationBuilder.DropColumn(
                name: "Salutation",
                table: "Statements");

            migrationBuilder.DropColumn(
                name: "ScheduledAt",
                table: "Statements");

            migrationBuilder.DropColumn(
                name: "SearchText",
                table: "Statements");

            migrationBuilder.DropColumn(
                name: "SearchTitle",
                table: "Statements");

            migrationBuilder.DropColumn(
                name: "TranslatedFromRevision",
                table: "Statements");

            migrationBuilder.DropColumn(
                name: "TranslationOfId",
                table: "Statements");

            migrationBuilder.DropColumn(
                name: "About",
                table: "StatementRevisions");

            migrationBuilder.DropColumn(
                name: "DatelineCity",
                table: "StatementRevisions");

            migrationBuilder.DropColumn(
                name: "DatelineCountry",
                table: "StatementRevisions");

            migrationBuilder.DropColumn(
                name: "MediaContacts",
                table: "StatementRevisions");

            migrationBuilder.DropColumn(
                name: "Salutation",
                table: "StatementRevisions");
        }
    }
}
