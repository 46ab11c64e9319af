using System.Buffers.Binary;
using System.Text;
using SkiaSharp;

namespace OwnerPortal.Core.Cases.Photos;

/// <summary>
/// Turns an untrusted upload into a <see cref="ProcessedPhoto"/> or a <see cref="PhotoRejection"/>. The format is
/// decided by the bytes (magic numbers, then Skia's decoder must agree) — never by the file name or the
/// browser's content type. Every accepted photo is decoded and re-encoded, which is what strips EXIF (GPS, camera,
/// times), XMP and comments: nothing of the original file is copied through.
/// </summary>
/// <remarks>
/// Orientation: the EXIF orientation (JPEG, WebP, PNG eXIf) is applied to the pixels before the metadata goes, so a
/// phone's sideways-stored portrait photo is stored upright.
/// Colour: pixels are converted to sRGB while decoding (a Display P3 iPhone photo keeps its look) and written
/// untagged, so no ICC profile is stored; browsers treat untagged images as sRGB.
/// Output: JPEG (quality 85) unless the image really has transparent pixels, then PNG so the transparency is
/// kept; an alpha channel that is fully opaque does not count. Thumbnails are always JPEG, transparent areas on white.
/// </remarks>
public static class PhotoProcessor
{
    // A 50 MP PNG needs ~200 MB of pixels while decoding; limit how many decodes run at once so a burst of
    // uploads cannot take the server's memory. JPEG and WebP are decoded scaled down and need far less.
    private static readonly SemaphoreSlim DecodeSlots = new(2);

    private static readonly SKSamplingOptions Smooth = new(SKFilterMode.Linear, SKMipmapMode.Linear);

    /// <summary>Reads at most <see cref="PhotoRules.MaxBytes"/> + 1 bytes of <paramref name="input"/>.</summary>
    /// <param name="declaredLength">The upload's length as the client announced it (IFormFile.Length), or -1 if unknown.
    /// Only used to refuse early and size the buffer; the bytes actually read are what count.</param>
    public static PhotoResult Process(Stream input, long declaredLength = -1)
    {
        if (declaredLength > PhotoRules.MaxBytes) return PhotoResult.Rejected(PhotoRejection.TooLarge);
        using var content = NewBuffer(declaredLength);
        var chunk = new byte[81920];
        while (content.Length <= PhotoRules.MaxBytes)
        {
            var read = input.Read(chunk, 0, NextChunk(chunk, content));
            if (read == 0) break;
            content.Write(chunk, 0, read);
        }
        DecodeSlots.Wait();
        try { return Process(content); }
        finally { DecodeSlots.Release(); }
    }

    /// <inheritdoc cref="Process(Stream, long)"/>
    public static async Task<PhotoResult> ProcessAsync(Stream input, long declaredLength = -1, CancellationToken ct = default)
    {
        if (declaredLength > PhotoRules.MaxBytes) return PhotoResult.Rejected(PhotoRejection.TooLarge);
        using var content = NewBuffer(declaredLength);
        var chunk = new byte[81920];
        while (content.Length <= PhotoRules.MaxBytes)
        {
            var read = await input.ReadAsync(chunk.AsMemory(0, NextChunk(chunk, content)), ct);
            if (read == 0) break;
            content.Write(chunk, 0, read);
        }
        await DecodeSlots.WaitAsync(ct);
        try { return Process(content); }
        finally { DecodeSlots.Release(); }
    }

    private static MemoryStream NewBuffer(long declaredLength) =>
        new(declaredLength is > 0 and <= PhotoRules.MaxBytes ? (int)declaredLength + 1 : 0);

    // Never ask for more than one byte past the limit: a huge upload is refused having read 10 MB + 1 byte.
    private static int NextChunk(byte[] buffer, MemoryStream content) =>
        (int)Math.Min(buffer.Length, PhotoRules.MaxBytes + 1 - content.Length);

    private static PhotoResult Process(MemoryStream content)
    {
        if (content.Length > PhotoRules.MaxBytes) return PhotoResult.Rejected(PhotoRejection.TooLarge);
        var bytes = content.GetBuffer().AsSpan(0, (int)content.Length);
        var sniffed = Sniff(bytes);
        if (sniffed == Sniffed.Unknown) return PhotoResult.Rejected(PhotoRejection.NotAnImage);
        if (sniffed == Sniffed.OtherImage) return PhotoResult.Rejected(PhotoRejection.UnsupportedFormat);

        using var data = SKData.CreateCopy(bytes);
        // Creating the codec reads only the header: dimensions and orientation are known before any pixel is decoded.
        using var codec = SKCodec.Create(data);
        if (codec is null || codec.EncodedFormat != Expected(sniffed)) return PhotoResult.Rejected(PhotoRejection.Corrupt);
        var info = codec.Info;
        if (info.Width <= 0 || info.Height <= 0) return PhotoResult.Rejected(PhotoRejection.Corrupt);
        if ((long)info.Width * info.Height > PhotoRules.MaxPixels) return PhotoResult.Rejected(PhotoRejection.TooManyPixels);

        using var decoded = Decode(codec);
        if (decoded is null) return PhotoResult.Rejected(PhotoRejection.Corrupt);
        var origin = codec.EncodedOrigin;
        if (origin == SKEncodedOrigin.TopLeft && sniffed == Sniffed.Png) origin = PngExifOrigin(bytes); // Skia reads Exif of JPEG and WebP only
        return PhotoResult.Accepted(Encode(decoded, origin));
    }

    private enum Sniffed { Unknown, OtherImage, Jpeg, Png, Webp }

    private static SKEncodedImageFormat Expected(Sniffed s) => s switch
    {
        Sniffed.Jpeg => SKEncodedImageFormat.Jpeg,
        Sniffed.Png => SKEncodedImageFormat.Png,
        _ => SKEncodedImageFormat.Webp,
    };

    private static ReadOnlySpan<byte> PngMagic => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private static Sniffed Sniff(ReadOnlySpan<byte> b)
    {
        if (b.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])) return Sniffed.Jpeg;
        if (b.StartsWith(PngMagic)) return Sniffed.Png;
        if (b.Length >= 12 && b.StartsWith("RIFF"u8) && b[8..12].SequenceEqual("WEBP"u8)) return Sniffed.Webp;

        if (b.StartsWith("GIF87a"u8) || b.StartsWith("GIF89a"u8)                  // GIF
            || b.StartsWith("BM"u8) && b.Length >= 26 && b[14] is 12 or 40 or 52 or 56 or 64 or 108 or 124 // BMP (DIB header size)
            || b.StartsWith("II*\0"u8) || b.StartsWith("MM\0*"u8)                  // TIFF (and most camera raw)
            || b.StartsWith((ReadOnlySpan<byte>)[0, 0, 1, 0]) && b.Length >= 22    // ICO
            || b.StartsWith("8BPS"u8)                                               // Photoshop
            || b.StartsWith((ReadOnlySpan<byte>)[0xFF, 0x0A])                       // JPEG XL codestream
            || b.Length >= 12 && b[4..8].SequenceEqual("jP  "u8)                  // JPEG 2000
            || b.Length >= 12 && b[4..8].SequenceEqual("JXL "u8)                  // JPEG XL container
            || b.Length >= 12 && b[4..8].SequenceEqual("ftyp"u8) && IsHeifBrand(b[8..12])
            || LooksLikeSvg(b))
            return Sniffed.OtherImage;
        return Sniffed.Unknown;
    }

    // HEIC/HEIF (iPhone default) and AVIF share the ISO media container; other ftyp brands are videos.
    private static bool IsHeifBrand(ReadOnlySpan<byte> brand) =>
        Encoding.ASCII.GetString(brand) is "heic" or "heix" or "hevc" or "hevx" or "heim" or "heis" or "mif1" or "msf1" or "avif" or "avis";

    private static bool LooksLikeSvg(ReadOnlySpan<byte> b)
    {
        var head = Encoding.UTF8.GetString(b[..Math.Min(b.Length, 1024)]).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        return (head.StartsWith("<svg", StringComparison.OrdinalIgnoreCase) || head.StartsWith("<?xml", StringComparison.Ordinal))
               && head.Contains("<svg", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The orientation in a PNG's eXIf chunk (browsers honour it, so the owner saw the picture turned).</summary>
    private static SKEncodedOrigin PngExifOrigin(ReadOnlySpan<byte> png)
    {
        var at = 8;
        while (at + 12 <= png.Length)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png[at..]);
            var type = png.Slice(at + 4, 4);
            if (length < 0 || type.SequenceEqual("IDAT"u8) || at + 12L + length > png.Length) break; // eXIf must come before the data
            if (type.SequenceEqual("eXIf"u8)) return TiffOrigin(png.Slice(at + 8, length));
            at += 12 + length;
        }
        return SKEncodedOrigin.TopLeft;
    }

    // Tag 0x0112 of a TIFF structure's first IFD; anything unreadable counts as "upright".
    private static SKEncodedOrigin TiffOrigin(ReadOnlySpan<byte> tiff)
    {
        if (tiff.Length < 8) return SKEncodedOrigin.TopLeft;
        var little = tiff.StartsWith("II"u8);
        if (!little && !tiff.StartsWith("MM"u8)) return SKEncodedOrigin.TopLeft;
        static ushort Read16(ReadOnlySpan<byte> b, bool little) => little ? BinaryPrimitives.ReadUInt16LittleEndian(b) : BinaryPrimitives.ReadUInt16BigEndian(b);
        var ifd = (long)(little ? BinaryPrimitives.ReadUInt32LittleEndian(tiff[4..]) : BinaryPrimitives.ReadUInt32BigEndian(tiff[4..]));
        if (ifd + 2 > tiff.Length) return SKEncodedOrigin.TopLeft;
        int count = Read16(tiff[(int)ifd..], little);
        for (var i = 0; i < count; i++)
        {
            var entry = (int)ifd + 2 + 12 * i;
            if (entry + 12 > tiff.Length) break;
            if (Read16(tiff[entry..], little) == 0x0112 && Read16(tiff[(entry + 2)..], little) == 3)
                return Read16(tiff[(entry + 8)..], little) is var value and >= 1 and <= 8 ? (SKEncodedOrigin)value : SKEncodedOrigin.TopLeft;
        }
        return SKEncodedOrigin.TopLeft;
    }

    /// <summary>
    /// Decodes in the file's own orientation, converting to sRGB. JPEG and WebP decode directly at a reduced scale
    /// (1/8 steps) when the result still covers <see cref="PhotoRules.MaxDimension"/>: a 48 MP photo never needs
    /// its full-size pixels in memory. Null when the data is truncated or damaged.
    /// </summary>
    private static SKBitmap? Decode(SKCodec codec)
    {
        var size = new SKSizeI(codec.Info.Width, codec.Info.Height);
        for (var eighths = 1; eighths < 8; eighths++)
        {
            var scaled = codec.GetScaledDimensions(eighths / 8f);
            if (Math.Max(scaled.Width, scaled.Height) >= PhotoRules.MaxDimension) { size = scaled; break; }
        }
        var opaque = codec.Info.AlphaType == SKAlphaType.Opaque;
        var info = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888,
            opaque ? SKAlphaType.Opaque : SKAlphaType.Premul, SKColorSpace.CreateSrgb());
        var bitmap = new SKBitmap();
        if (!bitmap.TryAllocPixels(info)) { bitmap.Dispose(); return null; }
        // IncompleteInput (a truncated file) leaves part of the picture blank: refuse rather than store half a photo.
        if (codec.GetPixels(info, bitmap.GetPixels()) != SKCodecResult.Success) { bitmap.Dispose(); return null; }
        return bitmap;
    }

    private static ProcessedPhoto Encode(SKBitmap decoded, SKEncodedOrigin origin)
    {
        // Scale first (in the file's orientation, fewer pixels to turn), then turn upright.
        var (width, height) = Fit(decoded.Width, decoded.Height, PhotoRules.MaxDimension);
        using var scaled = width == decoded.Width && height == decoded.Height ? null : Resize(decoded, width, height);
        using var upright = Orient(scaled ?? decoded, origin);
        var full = upright ?? scaled ?? decoded;

        var transparent = HasTransparentPixels(full);
        var content = transparent ? EncodePng(full) : EncodeJpeg(full, PhotoRules.JpegQuality);

        var (tw, th) = Fit(full.Width, full.Height, PhotoRules.ThumbnailDimension);
        using var thumb = new SKBitmap(new SKImageInfo(tw, th, SKColorType.Rgba8888, SKAlphaType.Opaque, SKColorSpace.CreateSrgb()));
        using (var canvas = new SKCanvas(thumb))
        using (var image = SKImage.FromBitmap(full))
        {
            canvas.Clear(SKColors.White);
            canvas.DrawImage(image, new SKRect(0, 0, tw, th), Smooth);
        }
        var thumbnail = EncodeJpeg(thumb, PhotoRules.ThumbnailJpegQuality);

        return new ProcessedPhoto(content, transparent ? ProcessedPhoto.PngType : ProcessedPhoto.JpegType,
            full.Width, full.Height, thumbnail, tw, th);
    }

    /// <summary>The size that fits within <paramref name="max"/> on the longest side, keeping the aspect ratio; never enlarges.</summary>
    private static (int Width, int Height) Fit(int width, int height, int max)
    {
        var longest = Math.Max(width, height);
        if (longest <= max) return (width, height);
        var scale = (double)max / longest;
        return (Math.Max(1, (int)Math.Round(width * scale)), Math.Max(1, (int)Math.Round(height * scale)));
    }

    private static SKBitmap Resize(SKBitmap source, int width, int height) =>
        source.Resize(source.Info.WithSize(width, height), Smooth)
        ?? throw new InvalidOperationException("Skia could not resize the photo.");

    /// <summary>
    /// Applies the EXIF orientation (phones store portrait photos sideways plus a flag). Null when already upright.
    /// Matrices as in Skia's SkEncodedOriginToMatrix, with w and h the stored (sideways) size.
    /// </summary>
    private static SKBitmap? Orient(SKBitmap source, SKEncodedOrigin origin)
    {
        if (origin == SKEncodedOrigin.TopLeft) return null;
        float w = source.Width, h = source.Height;
        var matrix = origin switch
        {
            SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, w, 0, 1, 0, 0, 0, 1),
            SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, w, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightTop => new SKMatrix(0, -1, h, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, h, -1, 0, w, 0, 0, 1),
            SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, w, 0, 0, 1),
            _ => SKMatrix.Identity,
        };
        var sideways = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var info = sideways ? source.Info.WithSize(source.Height, source.Width) : source.Info;
        var upright = new SKBitmap(info);
        using var canvas = new SKCanvas(upright);
        canvas.Clear(); // new pixels are uninitialised; transparent areas must stay transparent
        canvas.SetMatrix(matrix);
        canvas.DrawBitmap(source, 0, 0);
        return upright;
    }

    private static bool HasTransparentPixels(SKBitmap bitmap)
    {
        if (bitmap.AlphaType == SKAlphaType.Opaque) return false;
        var pixels = bitmap.GetPixelSpan();
        for (var i = 3; i < pixels.Length; i += 4)
            if (pixels[i] != 255) return true;
        return false;
    }

    // The pixels are sRGB already; writing them untagged keeps an ICC profile out of the file.
    private static SKPixmap Untagged(SKBitmap bitmap) => new(bitmap.Info with { ColorSpace = null }, bitmap.GetPixels(), bitmap.RowBytes);

    private static byte[] EncodeJpeg(SKBitmap bitmap, int quality)
    {
        using var pixmap = Untagged(bitmap);
        using var data = pixmap.Encode(new SKJpegEncoderOptions(quality, SKJpegEncoderDownsample.Downsample420, SKJpegEncoderAlphaOption.Ignore));
        return data?.ToArray() ?? throw new InvalidOperationException("Skia could not encode the photo.");
    }

    private static byte[] EncodePng(SKBitmap bitmap)
    {
        using var pixmap = Untagged(bitmap);
        using var data = pixmap.Encode(SKPngEncoderOptions.Default);
        return data?.ToArray() ?? throw new InvalidOperationException("Skia could not encode the photo.");
    }
}
