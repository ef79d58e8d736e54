using SkiaSharp;

namespace Collectif.Web;

/// <summary>
/// Uploaded images (the coalition's logo, a statement's image) are never stored as sent: they are
/// decoded and encoded again. What the file said it was does not matter, only what decodes; the
/// copy keeps the pixels and nothing else — no EXIF (a phone photo's GPS position, its owner's
/// name), no comment chunks, no script or HTML hidden after the image data (polyglot files).
/// </summary>
public static class UploadedImages
{
    /// <summary>Larger images are refused before decoding: a small file can claim billions of pixels (a decompression bomb).</summary>
    public const long MaxPixels = 40_000_000;

    /// <summary>Longer sides are scaled down: no page or PDF shows more, and the copy stays small.</summary>
    public const int MaxSide = 2400;

    public enum Refusal
    {
        NotAnImage,
        TooManyPixels,
    }

    public sealed record Reencoded(byte[] Bytes, string ContentType, int Width, int Height);

    /// <summary>The image decoded and encoded again in its own format (PNG, JPEG or WebP), upright, or why it is refused.</summary>
    public static (Reencoded? Image, Refusal? Refusal) Reencode(byte[] bytes)
    {
        // Only the three formats every browser and the PDF printer show; SVG can carry script, GIF and BMP are not offered.
        var contentType = DetectImageType(bytes);
        if (contentType is null)
        {
            return (null, Refusal.NotAnImage);
        }

        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data);
        if (codec is null || codec.Info.Width <= 0 || codec.Info.Height <= 0)
        {
            return (null, Refusal.NotAnImage);
        }

        if ((long)codec.Info.Width * codec.Info.Height > MaxPixels)
        {
            return (null, Refusal.TooManyPixels);
        }

        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, codec.Info.AlphaType == SKAlphaType.Opaque ? SKAlphaType.Opaque : SKAlphaType.Premul);
        using var decoded = new SKBitmap(info);
        // A truncated file is refused too: what it would show is a guess.
        if (codec.GetPixels(info, decoded.GetPixels()) != SKCodecResult.Success)
        {
            return (null, Refusal.NotAnImage);
        }

        // Each step makes a new bitmap only when it changes something: a photo can take 160 MB decoded.
        using var turned = Upright(decoded, codec.EncodedOrigin);
        var upright = turned ?? decoded;
        using var scaled = ScaledDown(upright);
        var sized = scaled ?? upright;
        using var image = SKImage.FromBitmap(sized);
        var (format, quality) = contentType switch
        {
            "image/png" => (SKEncodedImageFormat.Png, 100),
            "image/webp" => (SKEncodedImageFormat.Webp, 90),
            _ => (SKEncodedImageFormat.Jpeg, 90),
        };
        using var encoded = image.Encode(format, quality);
        if (encoded is null)
        {
            return (null, Refusal.NotAnImage);
        }

        return (new Reencoded(encoded.ToArray(), contentType, sized.Width, sized.Height), null);
    }

    /// <summary>The image type read from the file's first bytes; null for anything else (SVG included: it can carry script).</summary>
    public static string? DetectImageType(ReadOnlySpan<byte> bytes) => bytes switch
    {
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, ..] => "image/png",
        [0xFF, 0xD8, 0xFF, ..] => "image/jpeg",
        [0x52, 0x49, 0x46, 0x46, _, _, _, _, 0x57, 0x45, 0x42, 0x50, ..] => "image/webp",
        _ => null,
    };

    // Phones store photos sideways with an EXIF orientation; the copy drops EXIF, so it turns the pixels instead.
    // Null when the picture already stands upright.
    private static SKBitmap? Upright(SKBitmap source, SKEncodedOrigin origin)
    {
        if (origin is SKEncodedOrigin.TopLeft or SKEncodedOrigin.Default)
        {
            return null;
        }

        var swaps = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var (width, height) = swaps ? (source.Height, source.Width) : (source.Width, source.Height);
        var target = new SKBitmap(new SKImageInfo(width, height, source.ColorType, source.AlphaType));
        using var canvas = new SKCanvas(target);
        canvas.SetMatrix(origin switch
        {
            SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, width, 0, 1, 0, 0, 0, 1),
            SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, width, 0, -1, height, 0, 0, 1),
            SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, height, 0, 0, 1),
            SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightTop => new SKMatrix(0, -1, width, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, width, -1, 0, height, 0, 0, 1),
            _ => new SKMatrix(0, 1, 0, -1, 0, height, 0, 0, 1), // LeftBottom
        });
        using var image = SKImage.FromBitmap(source);
        canvas.DrawImage(image, 0, 0, SKSamplingOptions.Default);
        return target;
    }

    // Null when the picture is small enough already.
    private static SKBitmap? ScaledDown(SKBitmap source)
    {
        var longest = Math.Max(source.Width, source.Height);
        if (longest <= MaxSide)
        {
            return null;
        }

        var scale = (double)MaxSide / longest;
        var info = new SKImageInfo(Math.Max(1, (int)Math.Round(source.Width * scale)), Math.Max(1, (int)Math.Round(source.Height * scale)), source.ColorType, source.AlphaType);
        return source.Resize(info, new SKSamplingOptions(SKCubicResampler.Mitchell));
    }
}
