using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Collectif.Features.Accounts;

/// <summary>
/// Refuses passwords found in breaches: the 30,000 most common ones (the list shipped by Dropbox's
/// zxcvbn, MIT licence), also when decorated with digits or symbols ("password2024!"), and
/// passwords made of one repeated character or a keyboard run.
/// </summary>
public sealed class CommonPasswordValidator(IStringLocalizer<SharedResource> localizer) : IPasswordValidator<Account>
{
    private static readonly Lazy<HashSet<string>> Common = new(Load);

    public Task<IdentityResult> ValidateAsync(UserManager<Account> manager, Account user, string? password)
    {
        if (password is null || !IsCommon(password, user.Email))
        {
            return Task.FromResult(IdentityResult.Success);
        }

        return Task.FromResult(IdentityResult.Failed(new IdentityError
        {
            Code = "CommonPassword",
            Description = localizer["This password is too common: it appears in lists of breached passwords. Choose another, e.g. a few unrelated words."],
        }));
    }

    public static bool IsCommon(string password, string? email = null)
    {
        var lowered = password.ToLowerInvariant();
        var core = lowered.Trim().TrimEnd("0123456789!?.*#@$%&_-+= ".ToCharArray()).TrimStart("0123456789!?.*#@$%&_-+= ".ToCharArray());
        if (Common.Value.Contains(lowered) || (core.Length > 0 && Common.Value.Contains(core)))
        {
            return true;
        }

        if (lowered.Distinct().Count() <= 2)
        {
            return true; // "aaaaaaaaaaaa", "abababababab"
        }

        if (email is not null && lowered.Contains(email.Split('@')[0].ToLowerInvariant(), StringComparison.Ordinal) && email.Split('@')[0].Length >= 4)
        {
            return true;
        }

        return IsRun(lowered, "abcdefghijklmnopqrstuvwxyz") || IsRun(lowered, "01234567890") || IsRun(lowered, "qwertyuiopasdfghjklzxcvbnm") || IsRun(lowered, "azertyuiopqsdfghjklmwxcvbn");
    }

    private static bool IsRun(string password, string sequence) =>
        password.Length >= 8 && (sequence + sequence).Contains(password, StringComparison.Ordinal);

    private static HashSet<string> Load()
    {
        using var stream = typeof(CommonPasswordValidator).Assembly.GetManifestResourceStream("Collectif.common-passwords.txt")
            ?? throw new InvalidOperationException("The common-password list is not embedded.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                set.Add(line);
            }
        }

        return set;
    }
}
