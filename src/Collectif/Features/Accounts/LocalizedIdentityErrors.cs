using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Collectif.Features.Accounts;

/// <summary>Identity's messages in the page's language; account existence is never revealed.</summary>
public sealed class LocalizedIdentityErrors(IStringLocalizer<SharedResource> localizer) : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) =>
        new() { Code = nameof(PasswordTooShort), Description = localizer["The password must have at least {0} characters.", length] };

    public override IdentityError DuplicateEmail(string email) =>
        new() { Code = nameof(DuplicateEmail), Description = localizer["This invitation can no longer be used."] };

    public override IdentityError DuplicateUserName(string userName) =>
        new() { Code = nameof(DuplicateUserName), Description = localizer["This invitation can no longer be used."] };

    public override IdentityError InvalidEmail(string? email) =>
        new() { Code = nameof(InvalidEmail), Description = localizer["Enter a valid e-mail address."] };

    public override IdentityError InvalidToken() =>
        new() { Code = nameof(InvalidToken), Description = localizer["This link is not valid or has expired. Ask for a new one."] };

    public override IdentityError PasswordMismatch() =>
        new() { Code = nameof(PasswordMismatch), Description = localizer["Wrong password."] };

    public override IdentityError DefaultError() =>
        new() { Code = nameof(DefaultError), Description = localizer["Something went wrong. Please try again."] };
}
