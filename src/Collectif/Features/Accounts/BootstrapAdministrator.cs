using System.Security.Cryptography;
using Collectif.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Collectif.Features.Accounts;

/// <summary>
/// Creates the first administrator when no account exists, from <c>Collectif:Admin:Email</c> and
/// <c>Collectif:Admin:Password</c>; without a configured password, generates one and writes it to
/// <c>initial-admin-password.txt</c> in the data directory (readable by the owner only), never to the log.
/// </summary>
public sealed class BootstrapAdministrator(CollectifDb db, IOptions<CollectifOptions> options, IPasswordHasher<Account> hasher, TimeProvider clock, ILogger<BootstrapAdministrator> logger)
{
    public const string PasswordFileName = "initial-admin-password.txt";

    public async Task EnsureAsync(CancellationToken cancellationToken = default)
    {
        if (await db.Accounts.AnyAsync(cancellationToken))
        {
            return;
        }

        var settings = options.Value.Admin;
        var password = settings.Password;
        string? passwordFile = null;
        if (string.IsNullOrEmpty(password))
        {
            password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', '-').Replace('/', '_');
            Directory.CreateDirectory(options.Value.FullDataDirectory);
            passwordFile = Path.Combine(options.Value.FullDataDirectory, PasswordFileName);
            await File.WriteAllTextAsync(passwordFile, $"{settings.Email}\n{password}\n", cancellationToken);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }

        var account = new Account { Email = settings.Email.Trim().ToLowerInvariant(), PasswordHash = "", IsAdministrator = true, CreatedAt = clock.GetUtcNow().UtcDateTime };
        account.PasswordHash = hasher.HashPassword(account, password);
        db.Accounts.Add(account);
        await db.SaveChangesAsync(cancellationToken);
        if (passwordFile is not null)
        {
            logger.LogWarning("Administrator {Email} created; its password is in {File}. Sign in at /login and keep it safe.", account.Email, passwordFile);
        }
        else
        {
            logger.LogInformation("Administrator {Email} created from configuration.", account.Email);
        }
    }
}
