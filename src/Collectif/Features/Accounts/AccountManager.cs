using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Collectif.Features.Accounts;

/// <summary>
/// Identity's user manager with lockout on our <see cref="TimeProvider"/>: Identity 10 reads the
/// system clock here (TimeProvider support arrives in .NET 11), which would make lockout expiry
/// untestable with the fake clock and inconsistent with the rest of the application.
/// </summary>
public sealed class AccountManager(
    IUserStore<Account> store,
    IOptions<IdentityOptions> options,
    IPasswordHasher<Account> passwordHasher,
    IEnumerable<IUserValidator<Account>> userValidators,
    IEnumerable<IPasswordValidator<Account>> passwordValidators,
    ILookupNormalizer keyNormalizer,
    IdentityErrorDescriber errors,
    IServiceProvider services,
    ILogger<UserManager<Account>> logger,
    TimeProvider clock)
    : UserManager<Account>(store, options, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
{
    public override async Task<bool> IsLockedOutAsync(Account user) =>
        await GetLockoutEnabledAsync(user) && await GetLockoutEndDateAsync(user) is { } end && end >= clock.GetUtcNow();

    public override async Task<IdentityResult> AccessFailedAsync(Account user)
    {
        var store = (IUserLockoutStore<Account>)Store;
        var count = await store.IncrementAccessFailedCountAsync(user, CancellationToken);
        if (count < Options.Lockout.MaxFailedAccessAttempts)
        {
            return await UpdateUserAsync(user);
        }

        await store.SetLockoutEndDateAsync(user, clock.GetUtcNow().Add(Options.Lockout.DefaultLockoutTimeSpan), CancellationToken);
        await store.ResetAccessFailedCountAsync(user, CancellationToken);
        return await UpdateUserAsync(user);
    }
}
