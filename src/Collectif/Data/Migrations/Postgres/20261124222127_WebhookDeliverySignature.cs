using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Collectif.Data.Migrations.Postgres
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
                type: "bigint",
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
