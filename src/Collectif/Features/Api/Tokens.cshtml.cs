using Collectif.Data;
using Collectif.Features.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Collectif.Features.Api;

/// <summary>
/// /account/tokens: personal API tokens — create one with a name, scopes and a lifetime (shown once,
/// on the answer to the form, never stored in clear), see when each was last used, revoke.
/// </summary>
public sealed class TokensModel(CollectifDb db, ApiTokens tokens, UserManager<Account> users) : PageModel
{
    public IReadOnlyList<ApiToken> Tokens { get; private set; } = [];
    public ApiScopes Usable { get; private set; }
    public string? NewToken { get; private set; }
    public string? Error { get; private set; }
    public DateTime Now { get; private set; }

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public List<ApiScopes> Scopes { get; set; } = [];

    [BindProperty]
    public int ExpiryDays { get; set; } = 90;

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var account = await LoadAsync(cancellationToken);
        var scopes = Scopes.Aggregate(ApiScopes.None, (all, scope) => all | scope);
        Error = string.IsNullOrWhiteSpace(Name) ? "Give the token a name, such as the program that will use it."
            : Name.Length > ApiToken.NameMaxLength ? "The name is too long (at most 100 characters)."
            : scopes == ApiScopes.None ? "Choose at least one scope."
            : (scopes & ~Usable) != ApiScopes.None || Scopes.Any(s => !Enum.IsDefined(s)) ? "Your account cannot use one of these scopes."
            : !ApiTokens.ExpiryDays.Contains(ExpiryDays) ? "Choose how long the token lasts."
            : null;
        if (Error is not null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        NewToken = await tokens.CreateAsync(account.Id, Name!.Trim(), scopes, ExpiryDays, cancellationToken);
        Name = null;
        Scopes = [];
        await LoadAsync(cancellationToken);
        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(int id, CancellationToken cancellationToken)
    {
        var account = await LoadAsync(cancellationToken);
        if (!await tokens.RevokeAsync(account.Id, id, cancellationToken))
        {
            return NotFound();
        }

        return RedirectToPage();
    }

    private async Task<Account> LoadAsync(CancellationToken cancellationToken)
    {
        var account = await users.GetUserAsync(User) ?? throw new InvalidOperationException("Signed-in account not found.");
        Now = HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        Usable = await tokens.UsableScopesAsync(User, account.Id, cancellationToken);
        Tokens = await db.ApiTokens.AsNoTracking().Where(t => t.AccountId == account.Id).OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id).ToListAsync(cancellationToken);
        return account;
    }

    public static string ScopeLabel(ApiScopes scope) => scope switch
    {
        ApiScopes.Read => "Read what you can read on the site (drafts, your account)",
        ApiScopes.SignOn => "Answer sign-ons for your organizations",
        ApiScopes.Petitions => "Petition signatures (read them; sign without the browser puzzle)",
        ApiScopes.Press => "Media contacts",
        _ => scope.ToString(),
    };
}
