using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Collectif.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Settings of section <c>Collectif:Database</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Collectif:Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>PostgreSQL connection string; for SQLite, overrides the file in the data directory.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// SQLite <c>synchronous</c> setting. FULL (the default) means an acknowledged write survives
    /// power loss; NORMAL is faster and only risks the last transactions on power loss.
    /// </summary>
    public string SqliteSynchronous { get; set; } = "FULL";
}

public static class DatabaseRegistration
{
    public static IServiceCollection AddCollectifDb(this IServiceCollection services, DatabaseOptions options, string dataDirectory)
    {
        if (options.Provider == DatabaseProvider.Postgres)
        {
            if (string.IsNullOrWhiteSpace(options.ConnectionString))
            {
                throw new InvalidOperationException("Collectif:Database:ConnectionString is required when Collectif:Database:Provider is Postgres.");
            }

            services.AddDbContextPool<CollectifDb, PostgresCollectifDb>((provider, db) => db.UseNpgsql(options.ConnectionString).AddInterceptors(provider.GetRequiredService<Web.PublicContentChanges>()));
            return services;
        }

        var connectionString = options.ConnectionString;
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            Directory.CreateDirectory(dataDirectory);
            connectionString = new SqliteConnectionStringBuilder
            {
                DataSource = Path.Combine(dataDirectory, "collectif.db"),
                Pooling = true,
            }.ToString();
        }

        var pragmas = new SqlitePragmas(options.SqliteSynchronous);
        // Contexts pooled, options built once: a new context per request rebuilt its options and
        // EF Core's internal services, a tenth of a signature's CPU time in the profile. The context
        // holds no state of its own (EF Core resets what it tracks when one goes back to the pool).
        services.AddDbContextPool<CollectifDb, SqliteCollectifDb>((provider, db) => db.UseSqlite(connectionString).AddInterceptors(pragmas, provider.GetRequiredService<Web.PublicContentChanges>()));
        return services;
    }
}

/// <summary>Lets <c>dotnet ef</c> build each provider's context without starting the application.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteCollectifDb>
{
    public SqliteCollectifDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteCollectifDb>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresCollectifDb>
{
    public PostgresCollectifDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresCollectifDb>().UseNpgsql("Host=localhost;Database=design").Options);
}
