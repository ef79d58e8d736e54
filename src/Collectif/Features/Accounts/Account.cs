namespace Collectif.Features.Accounts;

/// <summary>Someone who can sign in. Until delegates exist, only the bootstrap administrator.</summary>
public class Account
{
    public int Id { get; set; }
    public required string Email { get; set; }
    public required string PasswordHash { get; set; }
    public bool IsAdministrator { get; set; }
    public DateTime CreatedAt { get; set; }
}
