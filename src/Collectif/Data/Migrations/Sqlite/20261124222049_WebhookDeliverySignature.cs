using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Collectif.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class WebhookDeliverySignature : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "SignatureId",
                table: "WebhookDeliveries",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_WebhookDeliveries_SignatureId",
                table: "WebhookDeliveries",
                column: "SignatureId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_WebhookDeliveries_SignatureId",
                table: "WebhookDeliveries");

            migrationBuilder.DropColumn(
                name: "SignatureId",
                table: "WebhookDeliveries");
        }
    }
}
