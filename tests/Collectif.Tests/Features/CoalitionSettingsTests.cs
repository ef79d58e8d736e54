using System.Net;
using System.Net.Http.Headers;

namespace Collectif.Tests.Features;

public class CoalitionSettingsTests(CollectifApp app) : IClassFixture<CollectifApp>
{
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, Dictionary<string, string> fields, (byte[] Bytes, string Name)? logo = null)
    {
        var form = await client.GetDocumentAsync("/admin/coalition");
        var token = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var content = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        foreach (var (key, value) in fields)
        {
            content.Add(new StringContent(value), key);
        }

        if (logo is { } file)
        {
            var part = new ByteArrayContent(file.Bytes);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            content.Add(part, "Logo", file.Name);
        }

        return await client.PostAsync("/admin/coalition", content);
    }

    private static Dictionary<string, string> Valid(string acronym) => new()
    {
        ["Form.NameFr"] = "Collectif pour la paix",
        ["Form.NameEn"] = "Coalition for peace",
        ["Form.Acronym"] = acronym,
        ["Form.DescriptionFr"] = "Des organisations ensemble.",
        ["Form.Languages"] = "fr",
        ["Form.TimeZone"] = "Europe/Paris",
    };

    [Fact]
    public async Task Saved_settings_and_logo_appear_on_every_page()
    {
        var client = await app.AdministratorAsync("fr");

        var response = await PostAsync(client, Valid("CPP"), (Png, "logo.png"));

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var home = await app.Anonymous("en").GetDocumentAsync("/");
        home.Text(".brand-acronym").ShouldBe("CPP");
        home.Text("h1").ShouldBe("Coalition for peace");
        var logo = home.QuerySelector("img.brand-logo")!.GetAttribute("src")!;
        var image = await app.Anonymous().GetAsync(logo);
        image.Content.Headers.ContentType!.MediaType.ShouldBe("image/png");
        Collectif.Tests.Web.Images.ShouldShowTheSamePixelsAs(await image.Content.ReadAsByteArrayAsync(), Png); // stored re-encoded (UploadedImagesTests)
    }

    [Fact]
    public async Task An_svg_or_any_other_file_is_refused_as_a_logo()
    {
        var client = await app.AdministratorAsync("fr");

        var response = await PostAsync(client, Valid("SVG"), ("<svg onload=\"alert(1)\"/>"u8.ToArray(), "logo.svg"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.ReadDocumentAsync()).Text(".error-summary").ShouldContain("Le logo doit être une image PNG, JPEG ou WebP.");
    }

    [Fact]
    public async Task An_oversized_logo_is_refused()
    {
        var client = await app.AdministratorAsync("en");
        var big = new byte[600 * 1024];
        Png.CopyTo(big, 0);

        var response = await PostAsync(client, Valid("BIG"), (big, "big.png"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.ReadDocumentAsync()).Text(".error-summary").ShouldContain("The logo is too large: at most 512 KB.");
    }

    [Fact]
    public async Task Missing_names_languages_and_unknown_time_zones_are_explained()
    {
        var client = await app.AdministratorAsync("en");
        var fields = Valid("X");
        fields["Form.NameFr"] = "";
        fields["Form.Languages"] = "de";
        fields["Form.TimeZone"] = "Mars/Olympus";

        var response = await PostAsync(client, fields);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await response.ReadDocumentAsync()).QuerySelectorAll(".field-error").Select(e => e.TextContent.Trim()).Where(t => t.Length > 0).ToList();
        errors.ShouldBe(["Enter the name in French.", "Choose at least one language.", "Choose a time zone from the list."], ignoreOrder: true);
    }
}
