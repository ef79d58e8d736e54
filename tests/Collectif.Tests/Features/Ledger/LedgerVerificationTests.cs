using Collectif.Features.Ledger;

namespace Collectif.Tests.Features.Ledger;

/// <summary>The chain's rules, on entries built by hand: each kind of tampering names its entry.</summary>
public class LedgerVerificationTests
{
    private static List<LedgerEntry> Chain(params (string Signer, string Action)[] events)
    {
        var entries = new List<LedgerEntry>();
        var previous = LedgerEntry.Genesis;
        var time = new DateTime(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);
        foreach (var (signer, action) in events)
        {
            var entry = new LedgerEntry { StatementId = 1, Sequence = entries.Count + 1, PreviousHash = previous, RevisionHash = "ab", Signer = signer, Action = action, Time = time.AddMinutes(entries.Count), Hash = "" };
            entry.Hash = entry.Recompute();
            previous = entry.Hash;
            entries.Add(entry);
        }

        return entries;
    }

    [Fact]
    public void An_intact_chain_replays_who_counts()
    {
        var verification = SignatureLedger.Verify(Chain(("CGT", "signed"), ("FSU", "signed"), ("CGT", "withdrawn"), ("Attac", "silent-consent")));

        verification.Intact.ShouldBeTrue();
        verification.Counted.Keys.Order().ShouldBe(["Attac", "FSU"]);
        SignatureLedger.ProvenCount(verification, "ab").ShouldBe(2);
        SignatureLedger.ProvenCount(verification, "other text").ShouldBe(0); // organizations count on the current text only
    }

    [Fact]
    public void People_count_on_the_text_they_confirmed_organizations_on_the_current_one()
    {
        var verification = SignatureLedger.Verify(Chain(("CGT", "signed"), ("commitment:4f2a", "signed"), ("commitment:77c1", "signed"), ("commitment:77c1", "withdrawn")));

        SignatureLedger.ProvenCount(verification, "ab").ShouldBe(2);
        SignatureLedger.ProvenCount(verification, "a later text").ShouldBe(1); // the petition signer still counts, the organization must sign again
    }

    [Fact]
    public void Reordered_entries_are_found()
    {
        var entries = Chain(("CGT", "signed"), ("FSU", "signed"), ("Attac", "signed"));
        (entries[0], entries[2]) = (entries[2], entries[0]);

        var verification = SignatureLedger.Verify(entries);

        verification.BrokenAt.ShouldBe(1);
        verification.Reason.ShouldBe("entry 1 is missing or out of order (found number 3)");
    }

    [Fact]
    public void Renumbering_to_hide_a_removal_breaks_the_link()
    {
        var entries = Chain(("CGT", "signed"), ("FSU", "signed"), ("Attac", "signed"));
        entries.RemoveAt(1);
        entries[1].Sequence = 2;

        SignatureLedger.Verify(entries).Reason.ShouldBe("entry 2 does not follow entry 1 (previous hash differs)");
    }

    [Theory]
    [InlineData("Signer")]
    [InlineData("Action")]
    [InlineData("Time")]
    [InlineData("RevisionHash")]
    public void Any_edited_field_is_found(string field)
    {
        var entries = Chain(("CGT", "signed"), ("FSU", "signed"));
        switch (field)
        {
            case "Signer": entries[1].Signer = "Someone"; break;
            case "Action": entries[1].Action = "withdrawn"; break;
            case "Time": entries[1].Time = entries[1].Time.AddSeconds(1); break;
            default: entries[1].RevisionHash = "cd"; break;
        }

        SignatureLedger.Verify(entries).BrokenAt.ShouldBe(2);
    }

    [Fact]
    public void A_checkpoint_signature_checks_with_the_public_key_only_for_its_message()
    {
        using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var message = LedgerCheckpoint.Message(1, 2, "abc", new DateTime(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc));
        var signature = Convert.ToBase64String(key.SignData(System.Text.Encoding.UTF8.GetBytes(message), System.Security.Cryptography.HashAlgorithmName.SHA256));

        LedgerKey.Check(key.ExportSubjectPublicKeyInfoPem(), message, signature).ShouldBeTrue();
        LedgerKey.Check(key.ExportSubjectPublicKeyInfoPem(), message.Replace("abc", "abd", StringComparison.Ordinal), signature).ShouldBeFalse();
        LedgerKey.Check(key.ExportSubjectPublicKeyInfoPem(), message, "not base64!").ShouldBeFalse();
    }
}
