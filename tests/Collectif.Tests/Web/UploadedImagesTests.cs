using System.Buffers.Binary;
using System.Net;
using System.Text;
using Collectif.Web;
using Microsoft.EntityFrameworkCore;
using SkiaSharp;

namespace Collectif.Tests.Web;

/// <summary>
/// Uploaded images are decoded and encoded again before they are stored: what is served holds the
/// pixels and nothing the uploader hid in the file (EXIF with a position or a name, text chunks,
/// HTML after the image data), stands upright, and bombs are refused before they are decoded.
/// </summary>
public class UploadedImagesTests(CollectifApp app) : IClassFixture<CollectifApp>
{
    [Fact]
    public async Task A_photo_loses_its_exif_and_hidden_html_and_is_turned_upright()
    {
        var editor = await app.SignedInAsync("fr", Collectif.Features.Accounts.Roles.Editor);
        var slug = "photo-" + Guid.NewGuid().ToString("N")[..8];
        // Taken sideways: the phone wrote "rotate 90° clockwise to show" (orientation 6) and its owner's name.
        var photo = Images.WithExif(Images.Jpeg(60, 40), orientation: 6, description: "Camille Durand, 48.8674 N 2.3636 E")
            .Concat("<html><script>alert(1)</script></html>"u8.ToArray()).ToArray();
        var fields = CollectifApp.StatementForm("Texte illustré", "Un texte avec une photo.", slug);
        fields["Form.ImageAlt"] = "Une foule place de la République";

        var created = await editor.PostMultipartAsync("/editor/statements/new", fields, new() { ["Image"] = ("photo.jpg", photo) });

        created.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var stored = await app.WithDbAsync(db => db.StatementImages.Where(i => db.Statements.Any(s => s.Id == i.StatementId && s.Slug == slug)).Select(i => i.Content).SingleAsync());
        Encoding.Latin1.GetString(stored).ShouldNotContain("Exif");
        Encoding.Latin1.GetString(stored).ShouldNotContain("Camille");
        Encoding.Latin1.GetString(stored).ShouldNotContain("<script>");
        using var bitmap = SKBitmap.Decode(stored);
        (bitmap.Width, bitmap.Height).ShouldBe((40, 60), "turned upright: the sideways 60×40 picture is 40 wide and 60 high");
        Images.ShouldBeClose(bitmap.GetPixel(20, 5), SKColors.Red, "what was the left edge is now the top");
        Images.ShouldBeClose(bitmap.GetPixel(20, 55), SKColors.Blue, "what was the right edge is now the bottom");
    }

    [Fact]
    public async Task A_logo_loses_its_text_chunks_and_what_follows_it_and_is_served_as_what_it_is()
    {
        var admin = await app.AdministratorAsync("fr");
        var logo = Images.WithTextChunk(Images.Png(30, 20), "Comment", "<script>alert(document.cookie)</script>")
            .Concat("<svg onload=alert(1)>"u8.ToArray()).ToArray();

        var saved = await admin.PostMultipartAsync("/admin/coalition", CoalitionSettings(), new() { ["Logo"] = ("logo.png", logo) });

        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var src = (await app.Anonymous().GetDocumentAsync("/")).QuerySelector("img.brand-logo")!.GetAttribute("src")!;
        using var served = await app.Anonymous().GetAsync(src);
        served.Content.Headers.ContentType!.MediaType.ShouldBe("image/png");
        served.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
        var bytes = await served.Content.ReadAsByteArrayAsync();
        Encoding.Latin1.GetString(bytes).ShouldNotContain("script");
        Encoding.Latin1.GetString(bytes).ShouldNotContain("svg");
        Images.ShouldShowTheSamePixelsAs(bytes, Images.Png(30, 20));
    }

    [Fact]
    public async Task An_image_claiming_billions_of_pixels_is_refused_before_it_is_decoded()
    {
        var admin = await app.AdministratorAsync("fr");
        // 100,000 × 100,000 pixels would need 40 GB once decoded; the file is a few bytes.
        var bomb = Images.PngHeaderClaiming(100_000, 100_000);

        var refused = await admin.PostMultipartAsync("/admin/coalition", CoalitionSettings(), new() { ["Logo"] = ("bomb.png", bomb) });

        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.ReadDocumentAsync()).Text(".error-summary").ShouldContain("L’image a trop de pixels : 40 millions au plus.");
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("gif")]
    [InlineData("svg")]
    public async Task Truncated_and_other_kinds_of_files_are_refused(string kind)
    {
        var admin = await app.AdministratorAsync("en");
        var file = kind switch
        {
            "truncated" => Images.Png(30, 20)[..40],
            "gif" => "GIF89a\x01\x00\x01\x00"u8.ToArray(),
            _ => "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>"u8.ToArray(),
        };

        var refused = await admin.PostMultipartAsync("/admin/coalition", CoalitionSettings(), new() { ["Logo"] = ("logo.png", file) });

        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.ReadDocumentAsync()).Text(".error-summary").ShouldContain("The logo must be a PNG, JPEG or WebP image.");
    }

    [Theory]
    [InlineData("image/jpeg", 3000, 1200, 2400, 960)]
    [InlineData("image/webp", 800, 5000, 384, 2400)]
    [InlineData("image/png", 300, 200, 300, 200)]
    public void Large_images_are_scaled_down_in_their_own_format(string type, int width, int height, int expectedWidth, int expectedHeight)
    {
        var format = type switch { "image/png" => SKEncodedImageFormat.Png, "image/webp" => SKEncodedImageFormat.Webp, _ => SKEncodedImageFormat.Jpeg };

        var (image, refusal) = UploadedImages.Reencode(Images.Encode(width, height, format));

        refusal.ShouldBeNull();
        image!.ContentType.ShouldBe(type);
        (image.Width, image.Height).ShouldBe((expectedWidth, expectedHeight));
        UploadedImages.DetectImageType(image.Bytes).ShouldBe(type);
    }

    private static Dictionary<string, string> CoalitionSettings() => new()
    {
        ["Form.NameFr"] = "Collectif pour la paix",
        ["Form.NameEn"] = "Coalition for peace",
        ["Form.Acronym"] = "CPP",
        ["Form.Languages"] = "fr",
        ["Form.TimeZone"] = "Europe/Paris",
    };
}

/// <summary>Images made for tests: left half red, right half blue, so a turn shows.</summary>
internal static class Images
{
    public static byte[] Encode(int width, int height, SKEncodedImageFormat format)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            using var red = new SKPaint { Color = SKColors.Red };
            using var blue = new SKPaint { Color = SKColors.Blue };
            canvas.DrawRect(0, 0, width / 2f, height, red);
            canvas.DrawRect(width / 2f, 0, width - (width / 2f), height, blue);
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, 95);
        return data.ToArray();
    }

    public static byte[] Png(int width, int height) => Encode(width, height, SKEncodedImageFormat.Png);

    public static byte[] Jpeg(int width, int height) => Encode(width, height, SKEncodedImageFormat.Jpeg);

    /// <summary>An APP1 "Exif" segment right after the JPEG's start marker: orientation and an image description.</summary>
    public static byte[] WithExif(byte[] jpeg, ushort orientation, string description)
    {
        var text = Encoding.ASCII.GetBytes(description + "\0");
        var tiff = new List<byte>();
        tiff.AddRange("II*\0"u8.ToArray());
        tiff.AddRange(BitConverter.GetBytes(8u));          // first directory at offset 8
        tiff.AddRange(BitConverter.GetBytes((ushort)2));   // two entries
        tiff.AddRange(Entry(0x010E, 2, (uint)text.Length, 8 + 2 + (2 * 12) + 4)); // ImageDescription, ASCII, at the end
        tiff.AddRange(Entry(0x0112, 3, 1, orientation));   // Orientation, SHORT
        tiff.AddRange(BitConverter.GetBytes(0u));          // no next directory
        tiff.AddRange(text);
        var payload = "Exif\0\0"u8.ToArray().Concat(tiff).ToArray();
        var segment = new byte[4 + payload.Length];
        segment[0] = 0xFF;
        segment[1] = 0xE1;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(payload.Length + 2));
        payload.CopyTo(segment, 4);
        return [.. jpeg[..2], .. segment, .. jpeg[2..]];

        static byte[] Entry(ushort tag, ushort type, uint count, uint value) =>
            [.. BitConverter.GetBytes(tag), .. BitConverter.GetBytes(type), .. BitConverter.GetBytes(count), .. BitConverter.GetBytes(value)];
    }

    /// <summary>A tEXt chunk inserted before the PNG's end chunk.</summary>
    public static byte[] WithTextChunk(byte[] png, string keyword, string text)
    {
        var chunk = Chunk("tEXt", [.. Encoding.Latin1.GetBytes(keyword), 0, .. Encoding.Latin1.GetBytes(text)]);
        var end = png.Length - 12; // IEND: length, type, CRC
        return [.. png[..end], .. chunk, .. png[end..]];
    }

    /// <summary>A PNG signature and header announcing a size, and no pixels.</summary>
    public static byte[] PngHeaderClaiming(int width, int height)
    {
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8;  // bit depth
        header[9] = 6;  // RGBA
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. Chunk("IHDR", header), .. Chunk("IDAT", [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]), .. Chunk("IEND", [])];
    }

    public static void ShouldShowTheSamePixelsAs(byte[] actual, byte[] expected)
    {
        using var a = SKBitmap.Decode(actual);
        using var e = SKBitmap.Decode(expected);
        (a.Width, a.Height).ShouldBe((e.Width, e.Height));
        for (var y = 0; y < e.Height; y += Math.Max(1, e.Height / 7))
        {
            for (var x = 0; x < e.Width; x += Math.Max(1, e.Width / 7))
            {
                ShouldBeClose(a.GetPixel(x, y), e.GetPixel(x, y), $"pixel {x},{y}");
            }
        }
    }

    public static void ShouldBeClose(SKColor actual, SKColor expected, string what)
    {
        var distance = Math.Abs(actual.Red - expected.Red) + Math.Abs(actual.Green - expected.Green) + Math.Abs(actual.Blue - expected.Blue) + Math.Abs(actual.Alpha - expected.Alpha);
        distance.ShouldBeLessThan(40, $"{what}: {actual} instead of {expected}");
    }

    private static byte[] Chunk(string type, byte[] data)
    {
        var typeBytes = Encoding.ASCII.GetBytes(type);
        var length = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32([.. typeBytes, .. data]));
        return [.. length, .. typeBytes, .. data, .. crc];
    }

    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320 ^ (crc >> 1) : crc >> 1;
            }
        }

        return ~crc;
    }
}
