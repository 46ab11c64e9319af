using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.Cases;
using OwnerPortal.Core.Storage;

namespace OwnerPortal.Core.Cases.Photos;

/// <summary>
/// Writes a processed photo and its thumbnail to the attachment folder and describes them as a
/// <see cref="CaseAttachment"/>. The caller adds the attachment to the case (<c>case.Attachments.Add</c>) and saves;
/// if saving fails it calls <see cref="Delete"/> so no orphan files stay behind.
/// </summary>
public class PhotoStorage(AttachmentStore store)
{
    public async Task<CaseAttachment> SaveAsync(ProcessedPhoto photo, string? originalFileName, DateTimeOffset now,
        Actor uploadedBy, CancellationToken ct = default)
    {
        string key;
        using (var content = new MemoryStream(photo.Content, writable: false))
            key = await store.SaveAsync(content, photo.Extension, now, ct);
        string thumbnailKey;
        try
        {
            using var thumbnail = new MemoryStream(photo.Thumbnail, writable: false);
            thumbnailKey = await store.SaveAsync(thumbnail, ".jpg", now, ct);
        }
        catch
        {
            store.Delete(key);
            throw;
        }
        return new CaseAttachment
        {
            Id = Guid.NewGuid(),
            FileName = SanitizeFileName(originalFileName),
            ContentType = photo.ContentType,
            SizeBytes = photo.Content.LongLength,
            StorageKey = key,
            ThumbnailKey = thumbnailKey,
            Width = photo.Width,
            Height = photo.Height,
            UploadedAt = now,
            UploadedByPersonId = uploadedBy.PersonId,
            UploadedByStaffId = uploadedBy.StaffId,
        };
    }

    /// <summary>Removes an attachment's files (after a failed save, or when the attachment is deleted).</summary>
    public void Delete(CaseAttachment attachment)
    {
        store.Delete(attachment.StorageKey);
        if (attachment.ThumbnailKey is { } thumbnail) store.Delete(thumbnail);
    }

    /// <summary>
    /// After a save that failed or turned out to be a repeat: removes the files of the attachments the database does
    /// not have. A save retried after a commit whose acknowledgement was lost did store them, so those stay; when the
    /// database cannot be asked, every file stays (an orphan file is better than a lost photo).
    /// </summary>
    public async Task DeleteUnsavedAsync(OwnerPortalDbContext db, IReadOnlyCollection<CaseAttachment> attachments, CancellationToken ct = default)
    {
        if (attachments.Count == 0) return;
        var ids = attachments.Select(a => a.Id).ToList();
        List<Guid> kept;
        try
        {
            kept = await db.CaseAttachments.IgnoreQueryFilters().AsNoTracking().Where(a => ids.Contains(a.Id)).Select(a => a.Id).ToListAsync(ct);
        }
        catch (Exception e) when (UnitOfWork.IsDatabaseUnavailable(e))
        {
            return;
        }
        foreach (var attachment in attachments.Where(a => !kept.Contains(a.Id))) Delete(attachment);
    }

    public const int MaxFileNameLength = 255;

    /// <summary>
    /// The owner's file name as it is kept for display and download: the last path part only (browsers and old
    /// Edge send full paths, attackers send "../"), without control or invisible formatting characters (a
    /// right-to-left override can make "gpj.exe" look like "exe.jpg"), NFC, at most 255 characters with the
    /// extension kept. "photo" when nothing is left.
    /// </summary>
    public static string SanitizeFileName(string? fileName)
    {
        var name = fileName ?? "";
        name = name[(name.LastIndexOfAny(['/', '\\']) + 1)..];
        var clean = new StringBuilder(name.Length);
        foreach (var c in name.Normalize(NormalizationForm.FormC))
        {
            var category = char.GetUnicodeCategory(c);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator
                or UnicodeCategory.ParagraphSeparator or UnicodeCategory.OtherNotAssigned) continue;
            if (c is '"' or '<' or '>' or '|' or ':' or '*' or '?') continue; // not allowed in Windows names
            clean.Append(char.IsWhiteSpace(c) ? ' ' : c);
        }
        name = clean.ToString().Trim().Trim('.').Trim();
        if (name.Length == 0) return "photo";
        if (name.Length <= MaxFileNameLength) return name;

        var extension = Path.GetExtension(name);
        if (extension.Length > 16) extension = "";
        return CutAt(name[..^extension.Length], MaxFileNameLength - extension.Length) + extension;
    }

    // Never leaves half of a surrogate pair (an emoji) at the cut.
    private static string CutAt(string text, int length)
    {
        if (text.Length <= length) return text;
        if (char.IsHighSurrogate(text[length - 1])) length--;
        return text[..length];
    }
}
