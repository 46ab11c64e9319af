using Microsoft.Extensions.Options;

namespace OwnerPortal.Core.Storage;

public class StorageOptions
{
    /// <summary>Folder for attachment files; relative paths are taken from the working directory.</summary>
    public string AttachmentsPath { get; set; } = ".data/attachments";
}

/// <summary>
/// Keeps attachment bytes in a folder outside the database (metadata is in case_attachments). Keys are
/// server-made (yyyy/MM/guid.ext), never a user's file name, so nothing can escape the folder.
/// </summary>
public class AttachmentStore(IOptions<StorageOptions> options)
{
    private readonly string _root = Path.GetFullPath(options.Value.AttachmentsPath);

    public async Task<string> SaveAsync(Stream content, string extension, DateTimeOffset now, CancellationToken ct = default)
    {
        if (extension.Length is < 2 or > 6 || extension[0] != '.' || !extension[1..].All(char.IsAsciiLetterOrDigit))
            throw new ArgumentException("Unexpected file extension.", nameof(extension));
        var key = $"{now:yyyy}/{now:MM}/{Guid.NewGuid():N}{extension}";
        var path = PathFor(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        await content.CopyToAsync(file, ct);
        return key;
    }

    public Stream Open(string key) => new FileStream(PathFor(key), FileMode.Open, FileAccess.Read, FileShare.Read);

    public void Delete(string key) => File.Delete(PathFor(key));

    private string PathFor(string key)
    {
        var path = Path.GetFullPath(Path.Combine(_root, key));
        if (!path.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new ArgumentException("Key outside the attachment folder.", nameof(key));
        return path;
    }
}
