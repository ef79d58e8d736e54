using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Collectif.Features.Accounts;

/// <summary>
/// Creates the roles and, when no account exists, the first administrator from
/// <c>Collectif:Admin:Email</c> and <c>Collectif:Admin:Password</c>; without a configured password,
/// generates one and writes it to <c>initial-admin-password.txt</c> in the data directory (readable
/// by the owner only), never to the log. The administrator then enrols two-factor authentication at
/// first sign-in; every later account comes by invitation.
/// </summary>
public sealed class BootstrapAdministrator(UserManager<Account> users, RoleManager<IdentityRole<int>> roles, IOptions<CollectifOptions> options, TimeProvider clock, ILogger<BootstrapAdministrator> logger)
{
    public const string PasswordFileName = "initial-admin-password.txt";

    public async Task EnsureAsync(CancellationToken cancellationToken = default)
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole<int>(role)));
            }
        }

        if (users.Users.Any())
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

        var email = settings.Email.Trim().ToLowerInvariant();
        var account = new Account { UserName = email, Email = email, EmailConfirmed = true, CreatedAt = clock.GetUtcNow().UtcDateTime };
        Check(await users.CreateAsync(account, password));
        Check(await users.AddToRoleAsync(account, Roles.Administrator));
        if (!string.IsNullOrEmpty(settings.AuthenticatorKey))
        {
            Check(await users.SetAuthenticationTokenAsync(account, "[AspNetUserStore]", "AuthenticatorKey", settings.AuthenticatorKey));
            Check(await users.SetTwoFactorEnabledAsync(account, true));
        }

        if (passwordFile is not null)
        {
            logger.LogWarning("Administrator {Email} created; its password is in {File}. Sign in at /login and keep it safe.", email, passwordFile);
        }
        else
        {
            logger.LogInformation("Administrator {Email} created from configuration.", email);
        }
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Could not create the first administrator: " + string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}
