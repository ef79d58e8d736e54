using System.Diagnostics;
using System.Net;
using System.Text;
using Collectif.Features.Accounts;
using Collectif.Features.Press;
using Microsoft.EntityFrameworkCore;

namespace Collectif.Tests.Features.Press;

/// <summary>Contact files as people have them, through the upload, the column check and the background import.</summary>
public class ContactImportTests(CollectifApp app) : IClassFixture<CollectifApp>
{
    static ContactImportTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static string Domain() => $"import-{Guid.NewGuid():N}.example.org";

    private async Task<(HttpClient Officer, HttpResponseMessage Response)> UploadAsync(byte[] file, string name = "contacts.csv", string language = "fr", int? listId = null)
    {
        var officer = await app.SignedInAsync(language, Roles.PressOfficer);
        var fields = new Dictionary<string, string>();
        if (listId is { } id)
        {
            fields["ListId"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var response = await officer.PostMultipartAsync("/editor/press/import", fields, new() { ["Upload"] = (name, file) });
        return (officer, response);
    }

    private static async Task<ContactImport> WaitUntilDoneAsync(CollectifApp app, int id)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(120))
        {
            var import = await app.WithDbAsync(db => db.ContactImports.AsNoTracking().SingleAsync(i => i.Id == id));
            if (import.Status == ImportStatus.Done)
            {
                return import;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The import did not finish.");
    }

    private static int IdOf(HttpResponseMessage response) =>
        int.Parse(response.Headers.Location!.OriginalString.Split('/').Last(), System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task An_excel_file_in_windows_1252_with_semicolons_and_first_and_last_names_apart_is_understood_merged_and_reported_line_by_line()
    {
        var domain = Domain();
        await app.WithDbAsync(async db =>
        {
            var known = ContactImporter.NewContact($"c.martin@{domain}", $"c.martin@{domain}", app.Clock.GetUtcNow().UtcDateTime);
            known.Notes = "Écrit par un attaché de presse : ne pas écraser";
            db.PressContacts.Add(known);
            await db.SaveChangesAsync();
        });
        var csv = string.Join("\r\n",
            "Prénom;Nom;Média;Fonction;Courriel;Téléphone;Rubriques;Langue",
            $"Camille;Martin;Le Quotidien;Journaliste;C.Martin@{domain};01 23 45 67 89;politique;français",
            $"Jérôme;Lefèvre;Radio Éclair;Rédacteur en chef;jerome@{domain};;société, éducation;FR/EN",
            "Sans;Adresse;Le Monde;;;;;",
            "Mauvaise;Adresse;Le Monde;;pas-une-adresse;;;",
            $"Jérôme;Lefèvre;Radio éclair;;JEROME@{domain};;justice;",
            $"Anna;Schmidt;Der Spiegel;Correspondante;anna@{domain};;international;English") + "\r\n";
        var (officer, uploaded) = await UploadAsync(Encoding.GetEncoding(1252).GetBytes(csv));
        uploaded.StatusCode.ShouldBe(HttpStatusCode.Redirect, await uploaded.Content.ReadAsStringAsync());
        var id = IdOf(uploaded);

        var preview = await officer.GetDocumentAsync($"/editor/press/import/{id}");
        preview.Text("main").ShouldContain("Windows-1252, séparées par points-virgules");
        preview.Text("main").ShouldContain("4 contacts peuvent être importés ; 2 lignes seront ignorées.");
        preview.QuerySelector("#column-0 option[selected]")!.GetAttribute("value").ShouldBe("FirstName");
        preview.QuerySelector("#column-1 option[selected]")!.GetAttribute("value").ShouldBe("LastName");
        preview.QuerySelector("#column-4 option[selected]")!.GetAttribute("value").ShouldBe("Email");
        preview.Text("table").ShouldContain("Ignorée : « pas-une-adresse » n’est pas une adresse électronique.");
        (await app.WithDbAsync(db => db.PressContacts.CountAsync(c => c.EmailKey.EndsWith(domain)))).ShouldBe(1); // a preview imports nothing

        var mapping = Enumerable.Range(0, 8).ToDictionary(i => $"Mapping[{i}]", i => preview.QuerySelector($"#column-{i} option[selected]")!.GetAttribute("value")!);
        var started = await officer.PostFormAsync($"/editor/press/import/{id}?handler=Start", mapping, $"/editor/press/import/{id}");
        started.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var done = await WaitUntilDoneAsync(app, id);

        done.Created.ShouldBe(2);
        done.Merged.ShouldBe(2);
        done.Skipped.ShouldBe(2);
        done.Content.ShouldBeNull(); // the file is not kept once imported
        done.Problems.ShouldContain("Ligne 4 : Pas d’adresse électronique.");
        done.Problems.ShouldContain("Ligne 5 : « pas-une-adresse » n’est pas une adresse électronique.");
        var contacts = await app.WithDbAsync(db => db.PressContacts.Include(c => c.Outlet).Where(c => c.EmailKey.EndsWith(domain)).ToDictionaryAsync(c => c.EmailKey));
        contacts.Count.ShouldBe(3);
        var camille = contacts[$"c.martin@{domain}"];
        camille.Name.ShouldBe("Camille Martin");
        camille.Notes.ShouldBe("Écrit par un attaché de presse : ne pas écraser");
        camille.Outlet!.Name.ShouldBe("Le Quotidien");
        camille.Phone.ShouldBe("01 23 45 67 89");
        var jerome = contacts[$"jerome@{domain}"];
        jerome.Name.ShouldBe("Jérôme Lefèvre");
        jerome.Languages.ShouldBe("fr,en");
        jerome.Topics.ShouldBe("société, éducation, justice");
        jerome.Outlet!.Name.ShouldBe("Radio Éclair"); // "Radio éclair" is the same outlet
        contacts[$"anna@{domain}"].Languages.ShouldBe("en");

        var page = await officer.GetDocumentAsync($"/editor/press/import/{id}");
        page.QuerySelector("progress")!.GetAttribute("value").ShouldBe("6");
        page.Text("main").ShouldContain("Importation terminée.");
    }

    [Fact]
    public async Task Fifty_thousand_rows_import_in_the_background_with_progress_and_land_in_the_chosen_list()
    {
        var domain = Domain();
        var listId = await app.WithDbAsync(async db =>
        {
            var list = new PressList { Name = "Grande liste " + domain };
            db.PressLists.Add(list);
            await db.SaveChangesAsync();
            return list.Id;
        });
        var csv = new StringBuilder("email,name,outlet\n");
        for (var i = 0; i < 50_000; i++)
        {
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"journaliste{i}@{domain},Journaliste {i},Média {i % 300}\n");
        }

        var (officer, uploaded) = await UploadAsync(new UTF8Encoding(true).GetBytes(csv.ToString()), listId: listId);
        uploaded.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var id = IdOf(uploaded);
        var started = await officer.PostFormAsync($"/editor/press/import/{id}?handler=Start", new() { ["Mapping[0]"] = "Email", ["Mapping[1]"] = "Name", ["Mapping[2]"] = "Outlet" }, $"/editor/press/import/{id}");
        started.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var running = await officer.GetDocumentAsync($"/editor/press/import/{id}");
        running.QuerySelector("progress")!.GetAttribute("max").ShouldBe("50000");
        var done = await WaitUntilDoneAsync(app, id);
        done.Created.ShouldBe(50_000);
        (await app.WithDbAsync(db => db.PressListMembers.CountAsync(m => m.PressListId == listId))).ShouldBe(50_000);
        (await app.WithDbAsync(db => db.MediaOutlets.CountAsync(o => o.Name.StartsWith("Média ")))).ShouldBe(300);
    }

    [Fact]
    public async Task Files_that_are_not_usable_get_a_clear_message_and_store_nothing()
    {
        var before = await app.WithDbAsync(db => db.ContactImports.CountAsync());

        var spreadsheet = await UploadAsync([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00], "contacts.xlsx");
        spreadsheet.Response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await spreadsheet.Response.ReadDocumentAsync()).Text(".error-summary").ShouldContain("fichier de tableur");

        var headerOnly = await UploadAsync(Encoding.UTF8.GetBytes("email;nom\n"), language: "en");
        (await headerOnly.Response.ReadDocumentAsync()).Text(".error-summary").ShouldContain("The file has no rows under its header line.");

        var empty = await UploadAsync([], language: "en");
        empty.Response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await app.WithDbAsync(db => db.ContactImports.CountAsync())).ShouldBe(before);

        // A file without an address column: the check says so and nothing starts.
        var (officer, uploaded) = await UploadAsync(Encoding.UTF8.GetBytes("nom,média\nCamille,Le Quotidien\n"), language: "en");
        var id = IdOf(uploaded);
        var refused = await officer.PostFormAsync($"/editor/press/import/{id}?handler=Start", new() { ["Mapping[0]"] = "Name", ["Mapping[1]"] = "Outlet" }, $"/editor/press/import/{id}");
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.ReadDocumentAsync()).Text(".error-summary").ShouldContain("Choose the column that holds the e-mail addresses.");
        var twice = await officer.PostFormAsync($"/editor/press/import/{id}?handler=Start", new() { ["Mapping[0]"] = "Email", ["Mapping[1]"] = "Email" }, $"/editor/press/import/{id}");
        (await twice.ReadDocumentAsync()).Text(".error-summary").ShouldContain("one column only");
        var forged = await officer.PostFormAsync($"/editor/press/import/{id}?handler=Start", new() { ["Mapping[0]"] = "Email", ["Mapping[1]"] = "NotAField" }, $"/editor/press/import/{id}");
        forged.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await app.WithDbAsync(db => db.ContactImports.SingleAsync(i => i.Id == id))).Status.ShouldBe(ImportStatus.Preview);
    }

    [Fact]
    public async Task The_export_neutralizes_formulas_so_a_spreadsheet_never_runs_what_a_contact_typed()
    {
        var domain = Domain();
        await app.WithDbAsync(async db =>
        {
            var contact = ContactImporter.NewContact($"formula@{domain}", "=cmd|' /C calc'!A0", app.Clock.GetUtcNow().UtcDateTime);
            contact.Notes = "+SUM(1,2)";
            contact.Role = "@HYPERLINK(\"http://evil.example\")";
            db.PressContacts.Add(contact);
            await db.SaveChangesAsync();
        });
        var officer = await app.SignedInAsync("en", Roles.PressOfficer);

        var export = await officer.GetAsync("/editor/press/contacts.csv");
        export.StatusCode.ShouldBe(HttpStatusCode.OK);
        export.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var text = await export.Content.ReadAsStringAsync();
        var line = text.Split('\n').Single(l => l.Contains($"formula@{domain}", StringComparison.Ordinal));
        line.ShouldNotContain(",=cmd");
        line.ShouldStartWith("\"'=cmd");
        line.ShouldContain("'+SUM");
        line.ShouldContain("'@HYPERLINK");
    }

    [Theory]
    [InlineData("Courriel", ContactField.Email)]
    [InlineData("E-mail address", ContactField.Email)]
    [InlineData("adresse_electronique", ContactField.Email)]
    [InlineData("Prénom", ContactField.FirstName)]
    [InlineData("Nom de famille", ContactField.LastName)]
    [InlineData("Nom", ContactField.Name)]
    [InlineData("Rédaction", ContactField.Outlet)]
    [InlineData("Job title", ContactField.Role)]
    [InlineData("Tél. portable", ContactField.Phone)]
    [InlineData("Thématiques", ContactField.Topics)]
    [InlineData("Colonne inconnue", ContactField.Ignore)]
    public void Column_names_in_french_and_english_are_recognized(string header, ContactField expected) =>
        ContactCsv.GuessMapping([header])[0].ShouldBe(expected);

    [Theory]
    [InlineData("jane@example.org", "jane@example.org")]
    [InlineData(" <jane@example.org> ", "jane@example.org")]
    [InlineData("jane@localhost", null)]
    [InlineData("jane@example.org\r\nBcc: x@example.org", null)]
    [InlineData("jane@example.org, joe@example.org", null)]
    [InlineData("Jane <jane@example.org>", null)]
    [InlineData("pas-une-adresse", null)]
    public void Only_single_deliverable_addresses_are_accepted(string typed, string? expected) =>
        ContactCsv.ValidEmail(typed).ShouldBe(expected);
}
