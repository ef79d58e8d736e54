using System.Net.Sockets;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Collectif.Web;

/// <summary>
/// Failures that mean "the database cannot be reached or cannot take more right now", not "this
/// request is wrong": the server is down or restarting, the network dropped, every connection is
/// taken ("too many clients", an exhausted pool), SQLite's file is locked, full or cannot be opened.
/// People get 503 with Retry-After and a page that says their last action was not saved; the site
/// recovers by itself when the database does (connection pools reconnect).
/// </summary>
public static class DatabaseUnavailable
{
    public const int RetryAfterSeconds = 30;

    public static bool Is(Exception? exception)
    {
        // A socket error or timeout counts only under a database exception: elsewhere (PDF printing,
        // a webhook) it says nothing about the database.
        var underDatabase = false;
        for (var current = exception; current is not null; current = current.InnerException)
        {
            underDatabase |= current is System.Data.Common.DbException;
            switch (current)
            {
                // Class 08: connection exceptions; 53: insufficient resources (53300 too many clients);
                // 57P01-57P03: the server is shutting down or starting.
                case PostgresException postgres when postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
                    || postgres.SqlState.StartsWith("53", StringComparison.Ordinal) || postgres.SqlState is "57P01" or "57P02" or "57P03":
                    return true;
                case PostgresException:
                    return false; // the server answered: a real error of the query
                case NpgsqlException npgsql when npgsql.IsTransient:
                    return true;
                case SqliteException sqlite when sqlite.SqliteErrorCode is 5 or 6 or 10 or 13 or 14: // BUSY, LOCKED, IOERR, FULL, CANTOPEN
                    return true;
                case SocketException or TimeoutException when underDatabase:
                    return true;
            }
        }

        return false;
    }

    /// <summary>The status for the exception handlers: 503 for these, 500 for the rest.</summary>
    public static int StatusCode(Exception exception) => Is(exception) ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError;

    /// <summary>Adds Retry-After to the 503 and lets the page or ProblemDetails be written as usual.</summary>
    public sealed class Handler : IExceptionHandler
    {
        public ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
        {
            if (Is(exception))
            {
                httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);

                // Idle pooled connections to a server that went away are dead too; dropping them now
                // means the first requests after it is back do not each find one.
                NpgsqlConnection.ClearAllPools();
            }

            return ValueTask.FromResult(false);
        }
    }
}
