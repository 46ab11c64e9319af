using System.Buffers.Binary;
using System.Text;
using SkiaSharp;

namespace OwnerPortal.UnitTests.Photos;

/// <summary>
/// Builds the test images in code: a picture with a red top-left quadrant (so turning can be seen), encoded with
/// Skia, and hand-made metadata segments and headers spliced in where Skia cannot write them.
/// </summary>
internal static class TestImages
{
    public static SKBitmap Picture(int width, int height, bool transparent = false, bool noise = false)
    {
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, transparent ? SKAlphaType.Premul : SKAlphaType.Opaque));
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(transparent ? SKColors.Transparent : SKColors.Blue);
        using var red = new SKPaint { Color = SKColors.Red };
        canvas.DrawRect(0, 0, width / 2f, height / 2f, red);
        if (transparent)
        {
            using var blue = new SKPaint { Color = SKColors.Blue };
            canvas.DrawRect(width / 2f, height / 2f, width / 2f, height / 2f, blue);
        }
        if (noise)
        {
            // Detail a JPEG cannot compress away, so the file is long enough to cut in half meaningfully.
            var random = new Random(42);
            using var dot = new SKPaint();
            for (var i = 0; i < width * height / 20; i++)
            {
                dot.Color = new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256));
                canvas.DrawPoint(random.Next(width), random.Next(height), dot);
            }
        }
        return bitmap;
    }

    public static byte[] Jpeg(int width, int height, bool noise = false)
    {
        using var bitmap = Picture(width, height, noise: noise);
        return Encode(bitmap, SKEncodedImageFormat.Jpeg, 90);
    }

    public static byte[] Png(int width, int height, bool transparent = false)
    {
        using var bitmap = Picture(width, height, transparent);
        return Encode(bitmap, SKEncodedImageFormat.Png, 100);
    }

    public static byte[] Webp(int width, int height, bool transparent = false)
    {
        using var bitmap = Picture(width, height, transparent);
        return Encode(bitmap, SKEncodedImageFormat.Webp, 80);
    }

    private static byte[] Encode(SKBitmap bitmap, SKEncodedImageFormat format, int quality)
    {
        using var data = bitmap.Encode(format, quality) ?? throw new InvalidOperationException($"Skia cannot encode {format}");
        return data.ToArray();
    }

    public const string SecretMake = "OwnerPortalSecretCam";
    public const string SecretXmp = "OwnerPortalSecretXmp";
    public const string SecretComment = "OwnerPortalSecretComment";

    /// <summary>
    /// Inserts right after SOI an APP1 Exif segment (camera make, orientation, GPS 22°32'12.34"N 114°3'56.78"E),
    /// an APP1 XMP packet with a GPS position and a comment segment — what a phone photo typically carries.
    /// </summary>
    public static byte[] WithMetadata(byte[] jpeg, ushort orientation = 1, bool gps = true)
    {
        if (jpeg[0] != 0xFF || jpeg[1] != 0xD8) throw new ArgumentException("not a JPEG");
        var segments = new MemoryStream();
        WriteSegment(segments, 0xE1, [.. "Exif\0\0"u8, .. Tiff(orientation, gps)]);
        if (gps)
        {
            WriteSegment(segments, 0xE1, Encoding.ASCII.GetBytes(
                "http://ns.adobe.com/xap/1.0/\0<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">" +
                "<rdf:Description xmlns:exif=\"http://ns.adobe.com/exif/1.0/\" exif:GPSLatitude=\"22,32.2N\" exif:GPSLongitude=\"114,3.9E\">" +
                SecretXmp + "</rdf:Description></rdf:RDF></x:xmpmeta>"));
            WriteSegment(segments, 0xFE, Encoding.ASCII.GetBytes(SecretComment));
        }
        return [.. jpeg.AsSpan(0, 2), .. segments.ToArray(), .. jpeg.AsSpan(2)];
    }

    private static void WriteSegment(Stream s, byte marker, byte[] payload)
    {
        s.Write([0xFF, marker, (byte)((payload.Length + 2) >> 8), (byte)(payload.Length + 2)]);
        s.Write(payload);
    }

    // Little-endian TIFF: IFD0 at 8 (Make, Orientation, GPS pointer), Make text at 50, GPS IFD at 72, rationals at 126/150.
    private static byte[] Tiff(ushort orientation, bool gps)
    {
        var t = new byte[174];
        "II*\0"u8.CopyTo(t);
        BinaryPrimitives.WriteUInt32LittleEndian(t.AsSpan(4), 8);
        var ifd0 = new List<(ushort Tag, ushort Type, uint Count, uint Value)>
        {
            (0x010F, 2, (uint)SecretMake.Length + 1, 50),
            (0x0112, 3, 1, orientation),
        };
        if (gps) ifd0.Add((0x8825, 4, 1, 72));
        WriteIfd(t, 8, ifd0);
        Encoding.ASCII.GetBytes(SecretMake).CopyTo(t, 50);
        WriteIfd(t, 72,
        [
            (0x0001, 2, 2, 'N'),
            (0x0002, 5, 3, 126),
            (0x0003, 2, 2, 'E'),
            (0x0004, 5, 3, 150),
        ]);
        uint[] rationals = [22, 1, 32, 1, 1234, 100, 114, 1, 3, 1, 5678, 100];
        for (var i = 0; i < rationals.Length; i++) BinaryPrimitives.WriteUInt32LittleEndian(t.AsSpan(126 + 4 * i), rationals[i]);
        return t;
    }

    private static void WriteIfd(byte[] t, int at, List<(ushort Tag, ushort Type, uint Count, uint Value)> entries)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(t.AsSpan(at), (ushort)entries.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            var e = t.AsSpan(at + 2 + 12 * i);
            BinaryPrimitives.WriteUInt16LittleEndian(e, entries[i].Tag);
            BinaryPrimitives.WriteUInt16LittleEndian(e[2..], entries[i].Type);
            BinaryPrimitives.WriteUInt32LittleEndian(e[4..], entries[i].Count);
            if (entries[i].Type == 3) BinaryPrimitives.WriteUInt16LittleEndian(e[8..], (ushort)entries[i].Value); // a SHORT sits left-justified
            else BinaryPrimitives.WriteUInt32LittleEndian(e[8..], entries[i].Value);
        }
        // next-IFD offset stays 0
    }

    /// <summary>The markers of a JPEG's header segments, up to the start of the image data.</summary>
    public static List<byte> JpegMarkers(byte[] jpeg)
    {
        var markers = new List<byte>();
        var i = 2;
        while (i + 4 <= jpeg.Length && jpeg[i] == 0xFF)
        {
            var marker = jpeg[i + 1];
            markers.Add(marker);
            if (marker == 0xDA) break; // start of scan
            i += 2 + (jpeg[i + 2] << 8 | jpeg[i + 3]);
        }
        return markers;
    }

    /// <summary>Sets the frame size in a JPEG's SOF header without touching the data: a "decompression bomb".</summary>
    public static byte[] WithFrameSize(byte[] jpeg, ushort width, ushort height)
    {
        var copy = (byte[])jpeg.Clone();
        var i = 2;
        while (copy[i] == 0xFF && copy[i + 1] is not (0xC0 or 0xC1 or 0xC2)) i += 2 + (copy[i + 2] << 8 | copy[i + 3]);
        BinaryPrimitives.WriteUInt16BigEndian(copy.AsSpan(i + 5), height);
        BinaryPrimitives.WriteUInt16BigEndian(copy.AsSpan(i + 7), width);
        return copy;
    }

    /// <summary>
    /// A valid-looking PNG whose header claims <paramref name="width"/> x <paramref name="height"/> but whose data
    /// holds one row: ~70 bytes that would need gigabytes if decoded.
    /// </summary>
    public static byte[] PngHeaderOnly(int width, int height)
    {
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 2; // RGB
        var s = new MemoryStream();
        s.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        WriteChunk(s, "IHDR", ihdr);
        WriteChunk(s, "IDAT", [0x78, 0x9C, 0x63, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01]); // zlib of one zero byte
        WriteChunk(s, "IEND", []);
        return s.ToArray();
    }

    /// <summary>Adds a tEXt chunk after IHDR (PNG metadata, e.g. what an editor or a phone writes).</summary>
    public static byte[] PngWithText(byte[] png, string keyword, string text)
    {
        var s = new MemoryStream();
        s.Write(png, 0, 33); // signature + IHDR
        WriteChunk(s, "tEXt", [.. Encoding.Latin1.GetBytes(keyword), 0, .. Encoding.Latin1.GetBytes(text)]);
        s.Write(png, 33, png.Length - 33);
        return s.ToArray();
    }

    /// <summary>Adds an eXIf chunk (the PNG home of Exif: orientation, GPS) after IHDR.</summary>
    public static byte[] PngWithExif(byte[] png, ushort orientation)
    {
        var s = new MemoryStream();
        s.Write(png, 0, 33);
        WriteChunk(s, "eXIf", Tiff(orientation, gps: true));
        s.Write(png, 33, png.Length - 33);
        return s.ToArray();
    }

    /// <summary>
    /// Adds an EXIF chunk to a WebP, turning a simple file (one VP8/VP8L chunk) into the extended format (VP8X
    /// header with the EXIF flag) when needed.
    /// </summary>
    public static byte[] WebpWithExif(byte[] webp, int width, int height, ushort orientation)
    {
        var chunks = new MemoryStream();
        var body = webp.AsSpan(12);
        if (body.StartsWith("VP8X"u8))
        {
            var copy = body.ToArray();
            copy[8] |= 0x08; // EXIF present
            chunks.Write(copy);
        }
        else
        {
            var vp8x = new byte[10];
            vp8x[0] = (byte)((body.StartsWith("VP8L"u8) ? 0x10 : 0x00) | 0x08); // alpha (lossless may carry it), EXIF
            vp8x[4] = (byte)(width - 1); vp8x[5] = (byte)((width - 1) >> 8); vp8x[6] = (byte)((width - 1) >> 16);
            vp8x[7] = (byte)(height - 1); vp8x[8] = (byte)((height - 1) >> 8); vp8x[9] = (byte)((height - 1) >> 16);
            WriteRiffChunk(chunks, "VP8X", vp8x);
            chunks.Write(body);
        }
        WriteRiffChunk(chunks, "EXIF", Tiff(orientation, gps: true));
        var riff = new MemoryStream();
        riff.Write("RIFF"u8);
        var size = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(size, (int)chunks.Length + 4);
        riff.Write(size);
        riff.Write("WEBP"u8);
        riff.Write(chunks.ToArray());
        return riff.ToArray();
    }

    private static void WriteRiffChunk(Stream s, string type, byte[] data)
    {
        s.Write(Encoding.ASCII.GetBytes(type));
        var size = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(size, data.Length);
        s.Write(size);
        s.Write(data);
        if (data.Length % 2 == 1) s.WriteByte(0);
    }

    private static void WriteChunk(Stream s, string type, byte[] data)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        s.Write(length);
        byte[] typeAndData = [.. Encoding.ASCII.GetBytes(type), .. data];
        s.Write(typeAndData);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typeAndData));
        s.Write(crc);
    }

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }

    public static bool Contains(byte[] haystack, string needle) => haystack.AsSpan().IndexOf(Encoding.ASCII.GetBytes(needle)) >= 0;

    /// <summary>Decodes an output image (as a browser would, without any orientation flag) to check its pixels.</summary>
    public static SKBitmap Decode(byte[] image) => SKBitmap.Decode(image) ?? throw new InvalidOperationException("undecodable output");

    public static bool IsRed(SKColor c) => c.Red > 200 && c.Green < 60 && c.Blue < 60;
    public static bool IsBlue(SKColor c) => c.Blue > 200 && c.Red < 60 && c.Green < 60;
}

/// <summary>An upload that never ends, counting what was read from it.</summary>
internal sealed class EndlessStream(byte fill = 0xFF) : Stream
{
    public long BytesRead { get; private set; }

    public override int Read(byte[] buffer, int offset, int count)
    {
        buffer.AsSpan(offset, count).Fill(fill);
        BytesRead += count;
        return count;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
