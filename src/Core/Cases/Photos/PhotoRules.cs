namespace OwnerPortal.Core.Cases.Photos;

/// <summary>What a case photo may be (issue 4 item 2) and what is kept of it.</summary>
public static class PhotoRules
{
    /// <summary>Photos one owner may attach to one submission.</summary>
    public const int MaxPerSubmission = 6;

    /// <summary>Largest upload accepted, in bytes (10 MB).</summary>
    public const long MaxBytes = 10 * 1024 * 1024;

    /// <summary>
    /// Decompression-bomb guard, checked from the header before any pixel is decoded. 50 MP lets through the
    /// 48 MP (iPhone) and 50 MP (Android) camera modes; a 10 MB PNG claiming more is refused.
    /// </summary>
    public const long MaxPixels = 50_000_000;

    /// <summary>The stored image's longest side; larger photos are scaled down, smaller ones kept as they are.</summary>
    public const int MaxDimension = 2560;

    /// <summary>The thumbnail's longest side.</summary>
    public const int ThumbnailDimension = 320;

    public const int JpegQuality = 85;
    public const int ThumbnailJpegQuality = 80;

    /// <summary>Formats accepted, recognised by their content. For the file picker's accept attribute, so iOS converts HEIC to JPEG.</summary>
    public const string AcceptAttribute = "image/jpeg,image/png,image/webp";
}
