using System.Text.Json;
using Microsoft.Extensions.Options;
using OwnerPortal.Core.Storage;

namespace OwnerPortal.Core.Cases.Photos;

/// <summary>A photo kept between two posts of a form, under the form's staging token.</summary>
public sealed record StagedPhoto(Guid Id, string FileName, string ContentType, long SizeBytes, int Width, int Height,
    int ThumbnailWidth, int ThumbnailHeight, DateTimeOffset StagedAt);

/// <summary>
/// Keeps processed photos while a form is not yet accepted (another field had an error): the page puts the token
/// in a hidden field, shows the staged thumbnails, and on success moves them with <see cref="PhotoStorage"/> and
/// calls <see cref="Discard"/>.
/// </summary>
/// <remarks>
/// Files live in <c>&lt;attachment folder&gt;/staging/&lt;token&gt;/</c>. A token is a random Guid, so it cannot be
/// guessed, and being a Guid (not a string) it can only ever name a folder directly under staging/. Photo ids are
/// Guids too, so one token reaches only its own files. Folders untouched for <see cref="Lifetime"/> are removed by
/// <see cref="CleanUp"/> (run by <see cref="PhotoStagingCleanup"/>).
/// </remarks>
public class PhotoStaging(IOptions<StorageOptions> options, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    private readonly string _root = Path.Combine(Path.GetFullPath(options.Value.AttachmentsPath), "staging");

    public static Guid NewToken() => Guid.NewGuid();

    /// <summary>Adds a photo under <paramref name="token"/>; refuses when the form already has its maximum.</summary>
    public async Task<StagedPhoto> AddAsync(Guid token, ProcessedPhoto photo, string? originalFileName, CancellationToken ct = default)
    {
        if (List(token).Count >= PhotoRules.MaxPerSubmission)
            throw new InvalidOperationException($"A submission holds at most {PhotoRules.MaxPerSubmission} photos.");
        var folder = Folder(token);
        Directory.CreateDirectory(folder);
        var staged = new StagedPhoto(Guid.NewGuid(), PhotoStorage.SanitizeFileName(originalFileName), photo.ContentType,
            photo.Content.LongLength, photo.Width, photo.Height, photo.ThumbnailWidth, photo.ThumbnailHeight, clock.GetUtcNow());
        var path = Path.Combine(folder, staged.Id.ToString("N"));
        await File.WriteAllBytesAsync(path + ".full", photo.Content, ct);
        await File.WriteAllBytesAsync(path + ".thumb", photo.Thumbnail, ct);
        // The description is written last: a photo without one (a write cut short) is never listed.
        await File.WriteAllBytesAsync(path + ".json", JsonSerializer.SerializeToUtf8Bytes(staged), ct);
        return staged;
    }

    /// <summary>The photos staged under <paramref name="token"/>, oldest first; empty for an unknown token.</summary>
    public IReadOnlyList<StagedPhoto> List(Guid token)
    {
        var folder = Folder(token);
        if (!Directory.Exists(folder)) return [];
        var photos = new List<StagedPhoto>();
        foreach (var file in Directory.EnumerateFiles(folder, "*.json"))
            if (Read(file) is { } photo) photos.Add(photo);
        return photos.OrderBy(p => p.StagedAt).ThenBy(p => p.Id).ToList();
    }

    /// <summary>A staged photo with its bytes, ready for <see cref="PhotoStorage.SaveAsync"/>; null if not under this token.</summary>
    public async Task<(StagedPhoto Staged, ProcessedPhoto Photo)?> LoadAsync(Guid token, Guid photoId, CancellationToken ct = default)
    {
        var path = PathOf(token, photoId);
        if (Read(path + ".json") is not { } staged) return null;
        try
        {
            var content = await File.ReadAllBytesAsync(path + ".full", ct);
            var thumbnail = await File.ReadAllBytesAsync(path + ".thumb", ct);
            return (staged, new ProcessedPhoto(content, staged.ContentType, staged.Width, staged.Height,
                thumbnail, staged.ThumbnailWidth, staged.ThumbnailHeight));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null; // discarded or cleaned up meanwhile
        }
    }

    /// <summary>The staged thumbnail (JPEG) for showing on the re-displayed form; null if not under this token.</summary>
    public Stream? OpenThumbnail(Guid token, Guid photoId)
    {
        var path = PathOf(token, photoId) + ".thumb";
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Removes one staged photo (the owner took it off the form).</summary>
    public void Remove(Guid token, Guid photoId)
    {
        var path = PathOf(token, photoId);
        if (!Directory.Exists(Path.GetDirectoryName(path))) return;
        File.Delete(path + ".json"); // first, so the photo stops being listed even if the rest fails
        File.Delete(path + ".full");
        File.Delete(path + ".thumb");
    }

    /// <summary>Removes everything staged under <paramref name="token"/> (the form was saved or abandoned).</summary>
    public void Discard(Guid token) => DeleteFolder(Folder(token));

    /// <summary>Removes staging folders whose newest photo is older than <see cref="Lifetime"/>; returns how many.</summary>
    public int CleanUp()
    {
        if (!Directory.Exists(_root)) return 0;
        var cutoff = clock.GetUtcNow() - Lifetime;
        var removed = 0;
        foreach (var folder in Directory.EnumerateDirectories(_root))
        {
            DateTimeOffset? lastUsed = null;
            foreach (var file in Directory.EnumerateFiles(folder, "*.json"))
                if (Read(file) is { } photo && (lastUsed is null || photo.StagedAt > lastUsed)) lastUsed = photo.StagedAt;
            // A folder without a readable photo (all removed, or a write cut short) ages from its last change.
            lastUsed ??= Directory.GetLastWriteTimeUtc(folder);
            if (lastUsed < cutoff && DeleteFolder(folder)) removed++;
        }
        return removed;
    }

    private string Folder(Guid token) => Path.Combine(_root, token.ToString("N"));

    private string PathOf(Guid token, Guid photoId) => Path.Combine(Folder(token), photoId.ToString("N"));

    private static StagedPhoto? Read(string jsonPath)
    {
        try
        {
            return JsonSerializer.Deserialize<StagedPhoto>(File.ReadAllBytes(jsonPath));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or JsonException)
        {
            return null;
        }
    }

    // Another instance of the site may be cleaning up the same folder at the same moment.
    private static bool DeleteFolder(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
            return true;
        }
        catch (DirectoryNotFoundException)
        {
            return false;
        }
    }
}
