using System.Resources;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Collectif.Features;
using Collectif.Features.Organizations;
using Collectif.Features.Statements;

namespace Collectif.Tests.Web;

/// <summary>Every English UI string used in the code has a French translation.</summary>
public partial class TranslationTests
{
    private static HashSet<string> FrenchKeys() =>
        XDocument.Load(Path.Combine(Repository.Root, "src", "Collectif", "Resources", "SharedResource.fr.resx"))
            .Root!.Elements("data").Select(d => (string)d.Attribute("name")!).ToHashSet(StringComparer.Ordinal);

    private static IEnumerable<string> KeysUsedInCode()
    {
        var sources = Directory.EnumerateFiles(Path.Combine(Repository.Root, "src", "Collectif"), "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal) && !f.Contains("Migrations", StringComparison.Ordinal));
        foreach (var file in sources)
        {
            foreach (Match match in LocalizedString().Matches(File.ReadAllText(file)))
            {
                yield return Regex.Unescape(match.Groups["key"].Value);
            }
        }

        foreach (var kind in Enum.GetValues<OrganizationKind>())
        {
            yield return OrganizationLabels.Kind(kind);
        }

        foreach (var kind in Enum.GetValues<StatementKind>())
        {
            yield return StatementLabels.Kind(kind);
        }

        foreach (var status in Enum.GetValues<StatementStatus>())
        {
            yield return StatementLabels.Status(status);
        }

        foreach (var outcome in Enum.GetValues<ImportOutcome>())
        {
            yield return ImportLabels.Outcome(outcome);
        }

        foreach (var role in Collectif.Features.Accounts.Roles.All)
        {
            yield return Collectif.Features.Accounts.AccountLabels.Role(role);
        }

        foreach (var status in Enum.GetValues<Collectif.Features.Press.RecipientStatus>())
        {
            yield return Collectif.Features.Press.PressLabels.Status(status);
        }

        foreach (var field in Enum.GetValues<Collectif.Features.Press.ContactField>())
        {
            yield return Collectif.Features.Press.Editor.ImportDetailsModel.FieldLabel(field);
        }

        foreach (var separator in ",;\t|")
        {
            yield return Collectif.Features.Press.ContactCsv.Describe(separator);
        }

        foreach (var (title, message) in ErrorModel.Texts.Values)
        {
            yield return title;
            yield return message;
        }
    }

    [Fact]
    public void Every_string_shown_to_people_has_a_french_translation()
    {
        var french = FrenchKeys();

        KeysUsedInCode().Distinct().Where(k => !french.Contains(k)).ShouldBeEmpty();
    }

    [Fact]
    public void No_two_keys_differ_only_by_case()
    {
        // The resource reader would serve one of them for both: "Sent" and "sent" cannot both be translated.
        var keys = XDocument.Load(Path.Combine(Repository.Root, "src", "Collectif", "Resources", "SharedResource.fr.resx"))
            .Root!.Elements("data").Select(d => (string)d.Attribute("name")!);

        keys.GroupBy(k => k, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => string.Join(" / ", g)).ShouldBeEmpty();
    }

    [Fact]
    public void The_french_resources_are_compiled_into_the_application()
    {
        var manager = new ResourceManager("Collectif.Resources.SharedResource", typeof(SharedResource).Assembly);

        manager.GetString("Organizations", System.Globalization.CultureInfo.GetCultureInfo("fr")).ShouldBe("Organisations");
    }

    [GeneratedRegex(@"(?:\b[Ll]|localizer)\[""(?<key>(?:[^""\\]|\\.)+)""|new RowProblem\(""(?<key>(?:[^""\\]|\\.)+)""|ErrorMessage = ""(?<key>(?:[^""\\]|\\.)+)""|Error = ""(?<key>(?:[^""\\]|\\.)+)""")]
    private static partial Regex LocalizedString();
}
