using Collectif.Features.Statements;

namespace Collectif.Tests.Features.Statements;

public class RevisionTests
{
    private static string Hash(string title, string body, string? subject = null) =>
        StatementRevision.Hash(new StatementText(StatementKind.OpenLetter, "fr", title, null, body, null, "Paris", new DateOnly(2025, 8, 31), subject).Canonical);

    [Fact]
    public void The_same_wording_has_the_same_fingerprint_whatever_the_line_ends_spaces_or_unicode_form()
    {
        var composed = Hash("Égalité", "Premier paragraphe.\n\nSecond paragraphe.");
        var decomposed = Hash("E\u0301galite\u0301", "Premier paragraphe.  \r\n\r\nSecond paragraphe.\n");

        decomposed.ShouldBe(composed);
        composed.Length.ShouldBe(64);
    }

    [Theory]
    [InlineData("Égalité", "Premier paragraphe.\n\nSecond paragraphe!", null)]
    [InlineData("Egalité", "Premier paragraphe.\n\nSecond paragraphe.", null)]
    [InlineData("Égalité", "Premier paragraphe.\n\nSecond paragraphe.", "Objet")]
    public void Any_change_of_wording_changes_the_fingerprint(string title, string body, string? subject) =>
        Hash(title, body, subject).ShouldNotBe(Hash("Égalité", "Premier paragraphe.\n\nSecond paragraphe."));

    [Fact]
    public void A_word_diff_shows_changed_words_accents_and_punctuation_alone()
    {
        var diff = WordDiff.Compare(
            "Le collectif dénonce la garde à vue d’Omar Alsoumi.",
            "Le collectif condamne la garde à vue d’Omar Alsoumi !");

        diff.ShouldBe([
            new DiffSegment(DiffKind.Same, "Le collectif "),
            new DiffSegment(DiffKind.Removed, "dénonce"),
            new DiffSegment(DiffKind.Added, "condamne"),
            new DiffSegment(DiffKind.Same, " la garde à vue d’Omar Alsoumi"),
            new DiffSegment(DiffKind.Removed, "."),
            new DiffSegment(DiffKind.Added, " !"),
        ]);
    }

    [Fact]
    public void A_diff_rebuilds_both_texts()
    {
        const string before = "« Être solidaire de la Palestine n’est pas un crime » : c’est un devoir.\n\nLe CNPJDPI exige…";
        const string after = "« Être solidaire n’est pas un crime » : c’est un devoir, disent-ils.\n\nLe CNPJDPI exige la libération.";

        var diff = WordDiff.Compare(before, after);

        string.Concat(diff.Where(d => d.Kind != DiffKind.Added).Select(d => d.Text)).ShouldBe(before);
        string.Concat(diff.Where(d => d.Kind != DiffKind.Removed).Select(d => d.Text)).ShouldBe(after);
    }
}
