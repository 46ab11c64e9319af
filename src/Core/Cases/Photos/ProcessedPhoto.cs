using System.Diagnostics.CodeAnalysis;

namespace OwnerPortal.Core.Cases.Photos;

/// <summary>Why an upload was not taken. Shown to the owner through the string table (<c>PhotoRejection.X</c>).</summary>
public enum PhotoRejection
{
    /// <summary>Over <see cref="PhotoRules.MaxBytes"/>.</summary>
    TooLarge,
    /// <summary>Not an image at all, whatever its name says (a text file renamed photo.jpg, an empty file).</summary>
    NotAnImage,
    /// <summary>An image, but not JPEG, PNG or WebP (GIF, BMP, TIFF, HEIC/AVIF, SVG…).</summary>
    UnsupportedFormat,
    /// <summary>Starts like a JPEG/PNG/WebP but cannot be decoded completely (truncated, damaged).</summary>
    Corrupt,
    /// <summary>The header claims more than <see cref="PhotoRules.MaxPixels"/>.</summary>
    TooManyPixels,
}

/// <summary>
/// A photo ready to store: re-encoded without any metadata, upright, at most <see cref="PhotoRules.MaxDimension"/>
/// on its longest side, plus a JPEG thumbnail.
/// </summary>
public sealed record ProcessedPhoto(
    byte[] Content, string ContentType, int Width, int Height,
    byte[] Thumbnail, int ThumbnailWidth, int ThumbnailHeight)
{
    public const string JpegType = "image/jpeg";
    public const string PngType = "image/png";

    /// <summary>The stored file's extension, from the content type (never from the upload's name).</summary>
    public string Extension => ExtensionFor(ContentType);

    public static string ExtensionFor(string contentType) => contentType switch
    {
        JpegType => ".jpg",
        PngType => ".png",
        _ => throw new ArgumentException($"Unexpected content type '{contentType}'.", nameof(contentType)),
    };
}

public sealed class PhotoResult
{
    private PhotoResult(ProcessedPhoto? photo, PhotoRejection? rejection) => (Photo, Rejection) = (photo, rejection);

    public ProcessedPhoto? Photo { get; }
    public PhotoRejection? Rejection { get; }

    [MemberNotNullWhen(true, nameof(Photo))]
    [MemberNotNullWhen(false, nameof(Rejection))]
    public bool IsAccepted => Photo is not null;

    public static PhotoResult Accepted(ProcessedPhoto photo) => new(photo, null);
    public static PhotoResult Rejected(PhotoRejection reason) => new(null, reason);

    public override string ToString() => IsAccepted ? $"accepted {Photo.ContentType} {Photo.Width}x{Photo.Height}" : $"rejected {Rejection}";
}
