using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Collectif.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class StatementSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Full-text index over the accent-free title and text (kept by CollectifDb on save).
            // External content: the FTS table stores only the index; triggers keep it in step.
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE StatementSearch USING fts5(SearchTitle, SearchText, content='Statements', content_rowid='Id', tokenize='unicode61 remove_diacritics 2');
                CREATE TRIGGER StatementSearch_insert AFTER INSERT ON Statements BEGIN
                  INSERT INTO StatementSearch(rowid, SearchTitle, SearchText) VALUES (new.Id, new.SearchTitle, new.SearchText);
                END;
                CREATE TRIGGER StatementSearch_delete AFTER DELETE ON Statements BEGIN
                  INSERT INTO StatementSearch(StatementSearch, rowid, SearchTitle, SearchText) VALUES ('delete', old.Id, old.SearchTitle, old.SearchText);
                END;
                CREATE TRIGGER StatementSearch_update AFTER UPDATE OF SearchTitle, SearchText ON Statements BEGIN
                  INSERT INTO StatementSearch(StatementSearch, rowid, SearchTitle, SearchText) VALUES ('delete', old.Id, old.SearchTitle, old.SearchText);
                  INSERT INTO StatementSearch(rowid, SearchTitle, SearchText) VALUES (new.Id, new.SearchTitle, new.SearchText);
                END;
                INSERT INTO StatementSearch(StatementSearch) VALUES ('rebuild');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER StatementSearch_insert;
                DROP TRIGGER StatementSearch_delete;
                DROP TRIGGER StatementSearch_update;
                DROP TABLE StatementSearch;
                """);
        }
    }
}
