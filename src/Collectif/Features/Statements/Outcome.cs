namespace Collectif.Features.Statements;

/// <summary>
/// What a workflow or consultation step did: done, or refused with an English message key (and its
/// arguments) that the page shows in the reader's language.
/// </summary>
public sealed record Outcome(bool Done, string? Error = null, object[]? Arguments = null)
{
    public static readonly Outcome Ok = new(true);

    public static Outcome Refused(string error, params object[] arguments) => new(false, error, arguments);
}
