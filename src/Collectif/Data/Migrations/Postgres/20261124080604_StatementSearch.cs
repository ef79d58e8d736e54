using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Collectif.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class StatementSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Full-text index over the accent-free title (weight A) and text (weight B) that
            // CollectifDb keeps on save; 'simple' because both languages live in one table.
            migrationBuilder.Sql("""
                ALTER TABLE "Statements" ADD COLUMN "SearchVector" tsvector GENERATED ALWAYS AS (
                  setweight(to_tsvector('simple', coalesce("SearchTitle", '')), 'A') || setweight(to_tsvector('simple', coalesce("SearchText", '')), 'B')) STORED;
                CREATE INDEX "IX_Statements_SearchVector" ON "Statements" USING GIN ("SearchVector");
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""ALTER TABLE "Statements" DROP COLUMN "SearchVector";""");
        }
    }
}
