using System.Text;
using OwnerPortal.Core.Cases.Photos;
using SkiaSharp;
using static OwnerPortal.UnitTests.Photos.TestImages;

namespace OwnerPortal.UnitTests.Photos;

public class PhotoProcessorTests
{
    private static PhotoResult Process(byte[] bytes) => PhotoProcessor.Process(new MemoryStream(bytes), bytes.Length);

    private static ProcessedPhoto Accepted(byte[] bytes)
    {
        var result = Process(bytes);
        Assert.True(result.IsAccepted, result.ToString());
        return result.Photo;
    }

    [Fact]
    public void The_native_Skia_library_loads() =>
        Assert.True(SkiaSharpVersion.Native.Major >= 119, $"libSkiaSharp {SkiaSharpVersion.Native}");

    [Fact]
    public void Exif_gps_xmp_and_comments_are_gone_from_the_stored_photo()
    {
        var original = WithMetadata(Jpeg(400, 300));
        Assert.True(Contains(original, "Exif\0\0") && Contains(original, SecretMake) && Contains(original, SecretXmp) && Contains(original, SecretComment));
        using (var codec = SKCodec.Create(SKData.CreateCopy(original)))
            Assert.Equal(SKEncodedImageFormat.Jpeg, codec.EncodedFormat); // the spliced file is still a valid JPEG

        var photo = Accepted(original);

        Assert.Equal("image/jpeg", photo.ContentType);
        foreach (var stored in new[] { photo.Content, photo.Thumbnail })
        {
            Assert.False(Contains(stored, "Exif"));
            Assert.False(Contains(stored, SecretMake));
            Assert.False(Contains(stored, SecretXmp));
            Assert.False(Contains(stored, SecretComment));
            Assert.False(Contains(stored, "http://ns.adobe.com"));
            // Structurally: no APP1 (Exif/XMP), APP2 (ICC), APP13 (IPTC) or comment segment; only JFIF's APP0 is left.
            var markers = JpegMarkers(stored);
            Assert.DoesNotContain((byte)0xE1, markers);
            Assert.DoesNotContain((byte)0xE2, markers);
            Assert.DoesNotContain((byte)0xED, markers);
            Assert.DoesNotContain((byte)0xFE, markers);
            Assert.All(markers, m => Assert.False(m is > 0xE0 and <= 0xEF, $"APP{m - 0xE0} segment"));
        }
    }

    [Fact]
    public void A_sideways_phone_photo_with_orientation_6_comes_out_upright()
    {
        // Stored 400x300 with the red quadrant top-left; orientation 6 says "turn 90° clockwise to view".
        var original = WithMetadata(Jpeg(400, 300), orientation: 6, gps: false);
        using (var codec = SKCodec.Create(SKData.CreateCopy(original)))
            Assert.Equal(SKEncodedOrigin.RightTop, codec.EncodedOrigin);

        var photo = Accepted(original);

        Assert.Equal((300, 400), (photo.Width, photo.Height));
        using var upright = Decode(photo.Content);
        Assert.Equal((300, 400), (upright.Width, upright.Height));
        Assert.True(IsRed(upright.GetPixel(225, 50)), "red is now top-right");
        Assert.True(IsBlue(upright.GetPixel(75, 50)), "top-left is blue");
        Assert.True(IsBlue(upright.GetPixel(225, 350)), "bottom-right is blue");
        Assert.Equal(SKEncodedOrigin.TopLeft, SKCodec.Create(SKData.CreateCopy(photo.Content)).EncodedOrigin);
        Assert.True(photo.ThumbnailHeight > photo.ThumbnailWidth, "the thumbnail is portrait too");
    }

    [Theory]
    [InlineData(1, 200, 150, 50, 37)]    // as stored: red top-left
    [InlineData(2, 200, 150, 150, 37)]   // mirrored: red top-right
    [InlineData(3, 200, 150, 150, 112)]  // upside down: red bottom-right
    [InlineData(4, 200, 150, 50, 112)]   // flipped: red bottom-left
    [InlineData(5, 150, 200, 37, 50)]    // transposed: red stays top-left, sides swapped
    [InlineData(6, 150, 200, 112, 50)]   // turned 90° clockwise: red top-right
    [InlineData(7, 150, 200, 112, 150)]  // transverse: red bottom-right
    [InlineData(8, 150, 200, 37, 150)]   // turned 90° counter-clockwise: red bottom-left
    public void Every_exif_orientation_is_applied(ushort orientation, int width, int height, int redX, int redY)
    {
        var photo = Accepted(WithMetadata(Jpeg(200, 150), orientation, gps: false));

        Assert.Equal((width, height), (photo.Width, photo.Height));
        using var upright = Decode(photo.Content);
        Assert.True(IsRed(upright.GetPixel(redX, redY)), $"orientation {orientation}: red quadrant around {redX},{redY}");
        Assert.True(IsBlue(upright.GetPixel(width - 1 - redX, height - 1 - redY)), $"orientation {orientation}: blue opposite");
    }

    [Fact]
    public void A_png_without_transparency_is_stored_as_jpeg()
    {
        var photo = Accepted(Png(300, 200));
        Assert.Equal(("image/jpeg", ".jpg", 300, 200), (photo.ContentType, photo.Extension, photo.Width, photo.Height));
        using var stored = Decode(photo.Content);
        Assert.True(IsRed(stored.GetPixel(20, 20)));
    }

    [Fact]
    public void A_png_with_transparent_pixels_stays_png_and_loses_its_text_chunks()
    {
        var original = PngWithText(Png(300, 200, transparent: true), "Comment", "OwnerPortalSecretPngText");
        Assert.True(Contains(original, "OwnerPortalSecretPngText"));

        var photo = Accepted(original);

        Assert.Equal(("image/png", ".png"), (photo.ContentType, photo.Extension));
        Assert.False(Contains(photo.Content, "OwnerPortalSecretPngText"));
        Assert.False(Contains(photo.Content, "tEXt"));
        using var stored = Decode(photo.Content);
        Assert.Equal(0, stored.GetPixel(250, 20).Alpha);
        Assert.True(IsRed(stored.GetPixel(20, 20)));
        using var thumbnail = Decode(photo.Thumbnail);
        Assert.Equal(SKColors.White, thumbnail.GetPixel(thumbnail.Width - 5, 5)); // thumbnails are JPEG: transparency on white
    }

    [Fact]
    public void A_turned_transparent_png_keeps_its_transparency_and_loses_its_exif()
    {
        // Skia 3.119 does not read a PNG's eXIf chunk; browsers do, so the processor reads the orientation itself.
        var original = PngWithExif(Png(200, 100, transparent: true), orientation: 6);
        Assert.True(Contains(original, SecretMake));

        var photo = Accepted(original);

        Assert.Equal(("image/png", 100, 200), (photo.ContentType, photo.Width, photo.Height));
        Assert.False(Contains(photo.Content, SecretMake));
        Assert.False(Contains(photo.Content, "eXIf"));
        using var stored = Decode(photo.Content);
        Assert.True(IsRed(stored.GetPixel(75, 50)), "red top-right after turning");
        Assert.Equal(0, stored.GetPixel(25, 50).Alpha);  // transparent areas stay transparent
        Assert.Equal(0, stored.GetPixel(75, 150).Alpha);
        Assert.True(IsBlue(stored.GetPixel(25, 150)));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_turned_webp_comes_out_upright_without_its_exif(bool transparent)
    {
        var original = WebpWithExif(Webp(200, 100, transparent), 200, 100, orientation: 6);
        Assert.True(Contains(original, SecretMake));
        using (var codec = SKCodec.Create(SKData.CreateCopy(original)))
            Assert.Equal(SKEncodedOrigin.RightTop, codec.EncodedOrigin);

        var photo = Accepted(original);

        Assert.Equal((transparent ? "image/png" : "image/jpeg", 100, 200), (photo.ContentType, photo.Width, photo.Height));
        Assert.False(Contains(photo.Content, SecretMake));
        using var stored = Decode(photo.Content);
        Assert.True(IsRed(stored.GetPixel(75, 50)), "red top-right after turning");
        if (transparent) Assert.Equal(0, stored.GetPixel(25, 50).Alpha);
    }

    [Fact]
    public void A_display_p3_photo_is_converted_to_srgb_and_stored_without_a_profile()
    {
        byte[] Flat(SKColorSpace? space)
        {
            // The same stored values, read as Display P3 or as sRGB.
            using var bitmap = new SKBitmap(new SKImageInfo(64, 64, SKColorType.Rgba8888, SKAlphaType.Opaque));
            bitmap.Erase(new SKColor(200, 80, 60));
            using var tagged = new SKPixmap(bitmap.Info with { ColorSpace = space }, bitmap.GetPixels(), bitmap.RowBytes);
            using var data = tagged.Encode(new SKJpegEncoderOptions(95, SKJpegEncoderDownsample.Downsample420, SKJpegEncoderAlphaOption.Ignore))!;
            return data.ToArray();
        }
        var p3 = Flat(SKColorSpace.CreateRgb(SKColorSpaceTransferFn.Srgb, SKColorSpaceXyz.DisplayP3));
        Assert.Contains((byte)0xE2, JpegMarkers(p3)); // the original carries its ICC profile

        var photo = Accepted(p3);
        var untagged = Accepted(Flat(null));

        Assert.DoesNotContain((byte)0xE2, JpegMarkers(photo.Content));
        using var converted = Decode(photo.Content);
        using var plain = Decode(untagged.Content);
        var (c, u) = (converted.GetPixel(32, 32), plain.GetPixel(32, 32));
        Assert.True(c.Red > u.Red + 8, $"P3 {c} is redder than sRGB {u} once converted");
    }

    [Fact]
    public void Webp_is_accepted()
    {
        var original = Webp(320, 240);
        Assert.True(original.AsSpan(8, 4).SequenceEqual("WEBP"u8));

        var photo = Accepted(original);

        Assert.Equal(("image/jpeg", 320, 240), (photo.ContentType, photo.Width, photo.Height));
        using var stored = Decode(photo.Content);
        Assert.True(IsRed(stored.GetPixel(40, 40)));
    }

    public static TheoryData<string, byte[]> OtherImageFormats => new()
    {
        { "GIF", Convert.FromHexString("47494638396101000100800000FFFFFF00000021F90401000000002C00000000010001000002024401003B") },
        { "BMP", Convert.FromHexString("424D3A0000000000000036000000280000000100000001000000010018000000000004000000130B0000130B00000000000000000000FF000000") },
        { "HEIC", [.. Convert.FromHexString("00000018"), .. "ftypheic"u8, .. Convert.FromHexString("00000000"), .. "mif1heic"u8, .. new byte[32]] },
        { "AVIF", [.. Convert.FromHexString("0000001C"), .. "ftypavif"u8, .. new byte[40]] },
        { "TIFF", [.. "II*\0"u8, .. Convert.FromHexString("08000000"), .. new byte[40]] },
        { "SVG", Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>") },
    };

    [Theory]
    [MemberData(nameof(OtherImageFormats))]
    public void Other_image_formats_are_refused_as_unsupported(string format, byte[] bytes) =>
        Assert.True(Process(bytes).Rejection == PhotoRejection.UnsupportedFormat, $"{format}: {Process(bytes)}");

    [Fact]
    public void A_text_file_named_photo_jpg_is_not_an_image()
    {
        // The name and the browser's content type never reach the processor: only the bytes count.
        var text = Encoding.UTF8.GetBytes("This is not a photo, just text in a file called photo.jpg\n");
        Assert.Equal(PhotoRejection.NotAnImage, Process(text).Rejection);
        Assert.Equal(PhotoRejection.NotAnImage, Process([]).Rejection);
        Assert.Equal(PhotoRejection.NotAnImage, Process("%PDF-1.7\n"u8.ToArray()).Rejection);
        Assert.Equal(PhotoRejection.NotAnImage, Process([.. Convert.FromHexString("00000018"), .. "ftypmp42"u8, .. new byte[40]]).Rejection); // a video
    }

    [Fact]
    public void An_upload_over_10_MB_is_refused_after_reading_10_MB_and_one_byte()
    {
        var endless = new EndlessStream();
        Assert.Equal(PhotoRejection.TooLarge, PhotoProcessor.Process(endless, declaredLength: -1).Rejection);
        Assert.Equal(PhotoRules.MaxBytes + 1, endless.BytesRead);

        var announced = new EndlessStream();
        Assert.Equal(PhotoRejection.TooLarge, PhotoProcessor.Process(announced, PhotoRules.MaxBytes + 1).Rejection);
        Assert.Equal(0, announced.BytesRead); // refused on the declared length, nothing read
    }

    [Fact]
    public async Task An_upload_over_10_MB_is_refused_when_read_asynchronously_too()
    {
        var endless = new EndlessStream();
        Assert.Equal(PhotoRejection.TooLarge, (await PhotoProcessor.ProcessAsync(endless)).Rejection);
        Assert.Equal(PhotoRules.MaxBytes + 1, endless.BytesRead);
    }

    [Fact]
    public void An_upload_of_exactly_10_MB_is_not_too_large()
    {
        // A real JPEG padded to the limit with trailing bytes (decoders ignore data after the end marker).
        var jpeg = Jpeg(64, 48);
        var padded = new byte[PhotoRules.MaxBytes];
        jpeg.CopyTo(padded, 0);
        Assert.True(Process(padded).IsAccepted);
    }

    [Fact]
    public void A_truncated_jpeg_is_refused_as_corrupt()
    {
        var jpeg = Jpeg(800, 600, noise: true);
        Assert.True(Process(jpeg).IsAccepted);
        Assert.Equal(PhotoRejection.Corrupt, Process(jpeg[..(jpeg.Length / 2)]).Rejection);
        Assert.Equal(PhotoRejection.Corrupt, Process(jpeg[..20]).Rejection); // not even a whole header
    }

    [Fact]
    public void A_truncated_png_is_refused_as_corrupt()
    {
        var png = Png(400, 300, transparent: true);
        Assert.Equal(PhotoRejection.Corrupt, Process(png[..(png.Length * 2 / 3)]).Rejection);
    }

    [Fact]
    public void A_png_header_claiming_30000_by_30000_is_refused_before_decoding()
    {
        var bomb = PngHeaderOnly(30000, 30000);
        Assert.True(bomb.Length < 100);
        // Refused from the header: decoding it would allocate gigabytes, refusing it a few kilobytes (the work, not the time).
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        Assert.Equal(PhotoRejection.TooManyPixels, Process(bomb).Rejection);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        Assert.True(allocated < 16 * 1024 * 1024, $"allocated {allocated:N0} bytes");
    }

    [Fact]
    public void A_jpeg_header_claiming_60000_by_60000_is_refused_before_decoding()
    {
        var bomb = WithFrameSize(Jpeg(64, 64), 60000, 60000);
        // Refused from the header: decoding it would allocate gigabytes, refusing it a few kilobytes (the work, not the time).
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        Assert.Equal(PhotoRejection.TooManyPixels, Process(bomb).Rejection);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        Assert.True(allocated < 16 * 1024 * 1024, $"allocated {allocated:N0} bytes");
    }

    [Theory]
    [InlineData(4000, 3000, 2560, 1920)]
    [InlineData(1000, 3000, 853, 2560)]
    [InlineData(5200, 2600, 2560, 1280)] // decoded by libjpeg at 1/2 scale (2600 wide), then resized
    [InlineData(2560, 100, 2560, 100)]   // exactly the limit: kept
    [InlineData(640, 480, 640, 480)]     // small photos are never enlarged
    public void Large_photos_are_scaled_down_to_2560_on_the_longest_side(int width, int height, int storedWidth, int storedHeight)
    {
        var photo = Accepted(Jpeg(width, height));

        Assert.Equal((storedWidth, storedHeight), (photo.Width, photo.Height));
        using var stored = Decode(photo.Content);
        Assert.Equal((storedWidth, storedHeight), (stored.Width, stored.Height));
        Assert.True(IsRed(stored.GetPixel(storedWidth / 4, storedHeight / 4)));
        Assert.True(IsBlue(stored.GetPixel(storedWidth * 3 / 4, storedHeight * 3 / 4)));
    }

    [Fact]
    public void A_large_png_is_scaled_down_too()
    {
        var photo = Accepted(Png(3000, 1000));
        Assert.Equal((2560, 853), (photo.Width, photo.Height));
    }

    [Theory]
    [InlineData(4000, 3000, 320, 240)]
    [InlineData(300, 1200, 80, 320)]
    [InlineData(200, 100, 200, 100)]  // a small photo's thumbnail is not enlarged
    [InlineData(5000, 10, 320, 1)]    // a sliver keeps at least one pixel
    public void Thumbnails_are_jpeg_at_most_320_on_the_longest_side(int width, int height, int thumbWidth, int thumbHeight)
    {
        var photo = Accepted(Png(width, height));

        Assert.Equal((thumbWidth, thumbHeight), (photo.ThumbnailWidth, photo.ThumbnailHeight));
        Assert.True(Math.Max(photo.ThumbnailWidth, photo.ThumbnailHeight) <= PhotoRules.ThumbnailDimension);
        using var codec = SKCodec.Create(SKData.CreateCopy(photo.Thumbnail));
        Assert.Equal(SKEncodedImageFormat.Jpeg, codec.EncodedFormat);
        Assert.Equal((thumbWidth, thumbHeight), (codec.Info.Width, codec.Info.Height));
        Assert.True(photo.Thumbnail.Length < photo.Content.Length || width <= 320);
    }
}
