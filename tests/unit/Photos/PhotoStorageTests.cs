using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OwnerPortal.Core.Cases.Photos;
using OwnerPortal.Core.Domain.Cases;
using OwnerPortal.Core.Storage;
using static OwnerPortal.UnitTests.Photos.TestImages;

namespace OwnerPortal.UnitTests.Photos;

public sealed class PhotoStorageTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "op-photos-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 2, 0, 0, TimeSpan.Zero));
    private readonly IOptions<StorageOptions> _options;

    public PhotoStorageTests() => _options = Options.Create(new StorageOptions { AttachmentsPath = _folder });

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    private static readonly Lazy<ProcessedPhoto> SamplePhoto = new(() => PhotoProcessor.Process(new MemoryStream(Jpeg(640, 480))).Photo!);

    [Fact]
    public async Task A_saved_photo_is_two_files_and_an_attachment_describing_them()
    {
        var store = new AttachmentStore(_options);
        var owner = new Actor(ActorKind.Owner, "owner", PersonId: 7);

        var attachment = await new PhotoStorage(store).SaveAsync(SamplePhoto.Value, @"C:\Users\me\Pictures\漏水 1.JPG", _clock.GetUtcNow(), owner);

        Assert.NotEqual(Guid.Empty, attachment.Id);
        Assert.Equal("漏水 1.JPG", attachment.FileName);
        Assert.Equal(("image/jpeg", 640, 480), (attachment.ContentType, attachment.Width, attachment.Height));
        Assert.Equal(SamplePhoto.Value.Content.LongLength, attachment.SizeBytes);
        Assert.Equal(_clock.GetUtcNow(), attachment.UploadedAt);
        Assert.Equal((7, (int?)null), (attachment.UploadedByPersonId, attachment.UploadedByStaffId));
        Assert.Matches(@"^2026/11/[0-9a-f]{32}\.jpg$", attachment.StorageKey);
        Assert.Matches(@"^2026/11/[0-9a-f]{32}\.jpg$", attachment.ThumbnailKey!);
        Assert.Equal(SamplePhoto.Value.Content, File.ReadAllBytes(Path.Combine(_folder, attachment.StorageKey)));
        Assert.Equal(SamplePhoto.Value.Thumbnail, File.ReadAllBytes(Path.Combine(_folder, attachment.ThumbnailKey!)));

        new PhotoStorage(store).Delete(attachment);
        Assert.False(File.Exists(Path.Combine(_folder, attachment.StorageKey)));
        Assert.False(File.Exists(Path.Combine(_folder, attachment.ThumbnailKey!)));
    }

    [Fact]
    public async Task A_transparent_png_is_saved_with_a_png_key()
    {
        var photo = PhotoProcessor.Process(new MemoryStream(Png(100, 100, transparent: true))).Photo!;
        var attachment = await new PhotoStorage(new AttachmentStore(_options)).SaveAsync(photo, "logo.png", _clock.GetUtcNow(),
            new Actor(ActorKind.Staff, "staff", StaffId: 3));
        Assert.EndsWith(".png", attachment.StorageKey);
        Assert.EndsWith(".jpg", attachment.ThumbnailKey);
        Assert.Equal(("image/png", (int?)3), (attachment.ContentType, attachment.UploadedByStaffId));
    }

    [Theory]
    [InlineData("../../etc/passwd.jpg", "passwd.jpg")]
    [InlineData(@"..\..\windows\win.ini.png", "win.ini.png")]
    [InlineData(@"C:\Users\张三\Desktop\楼道漏水.jpg", "楼道漏水.jpg")]
    [InlineData("IMG_0001.JPG", "IMG_0001.JPG")]
    [InlineData("  photo .jpg  ", "photo .jpg")]
    [InlineData("evil\u202Egpj.exe", "evilgpj.exe")]       // right-to-left override removed
    [InlineData("a\r\nb\0c.jpg", "abc.jpg")]
    [InlineData("what?<>|:*\".jpg", "what.jpg")]
    [InlineData("..", "photo")]
    [InlineData("/", "photo")]
    [InlineData("", "photo")]
    [InlineData(null, "photo")]
    public void File_names_are_reduced_to_a_safe_display_name(string? original, string expected) =>
        Assert.Equal(expected, PhotoStorage.SanitizeFileName(original));

    [Fact]
    public void Long_file_names_are_cut_to_255_characters_keeping_the_extension()
    {
        var name = PhotoStorage.SanitizeFileName(new string('长', 300) + ".jpeg");
        Assert.Equal(255, name.Length);
        Assert.EndsWith("长.jpeg", name);

        var emoji = PhotoStorage.SanitizeFileName(string.Concat(Enumerable.Repeat("😀", 200)) + ".png");
        Assert.True(emoji.Length <= 255);
        Assert.EndsWith(".png", emoji);
        Assert.False(char.IsHighSurrogate(emoji[^5]), "no half emoji before the extension");
    }

    [Fact]
    public async Task Staged_photos_come_back_as_they_were_stored()
    {
        var staging = new PhotoStaging(_options, _clock);
        var token = PhotoStaging.NewToken();
        Assert.Empty(staging.List(token));

        var first = await staging.AddAsync(token, SamplePhoto.Value, "../first.jpg");
        _clock.Advance(TimeSpan.FromSeconds(5));
        var second = await staging.AddAsync(token, SamplePhoto.Value, "second.jpg");

        Assert.Equal([first, second], staging.List(token));
        Assert.Equal("first.jpg", first.FileName);
        var loaded = await staging.LoadAsync(token, first.Id);
        Assert.NotNull(loaded);
        Assert.Equal(first, loaded.Value.Staged);
        Assert.Equal(SamplePhoto.Value.Content, loaded.Value.Photo.Content);
        Assert.Equal(SamplePhoto.Value.Thumbnail, loaded.Value.Photo.Thumbnail);
        Assert.Equal((SamplePhoto.Value.Width, SamplePhoto.Value.Height, SamplePhoto.Value.ContentType),
            (loaded.Value.Photo.Width, loaded.Value.Photo.Height, loaded.Value.Photo.ContentType));
        await using (var thumbnail = staging.OpenThumbnail(token, second.Id))
        {
            Assert.NotNull(thumbnail);
            var bytes = new MemoryStream();
            await thumbnail.CopyToAsync(bytes);
            Assert.Equal(SamplePhoto.Value.Thumbnail, bytes.ToArray());
        }

        // The form is saved: staged photos move to the attachment store, the staging folder goes.
        var attachment = await new PhotoStorage(new AttachmentStore(_options)).SaveAsync(loaded.Value.Photo, loaded.Value.Staged.FileName,
            _clock.GetUtcNow(), new Actor(ActorKind.Owner, "owner", PersonId: 1));
        Assert.Equal("first.jpg", attachment.FileName);

        staging.Remove(token, second.Id);
        Assert.Equal([first], staging.List(token));
        staging.Discard(token);
        Assert.Empty(staging.List(token));
        Assert.Null(await staging.LoadAsync(token, first.Id));
        Assert.False(Directory.Exists(Path.Combine(_folder, "staging", token.ToString("N"))));
    }

    [Fact]
    public async Task A_token_sees_only_its_own_photos()
    {
        var staging = new PhotoStaging(_options, _clock);
        var mine = PhotoStaging.NewToken();
        var theirs = PhotoStaging.NewToken();
        var photo = await staging.AddAsync(mine, SamplePhoto.Value, "mine.jpg");

        Assert.Empty(staging.List(theirs));
        Assert.Null(await staging.LoadAsync(theirs, photo.Id));
        Assert.Null(staging.OpenThumbnail(theirs, photo.Id));
        staging.Remove(theirs, photo.Id);
        staging.Discard(theirs);
        Assert.Equal([photo], staging.List(mine));
        Assert.NotEqual(mine, theirs);
    }

    [Fact]
    public async Task A_submission_stages_at_most_six_photos()
    {
        var staging = new PhotoStaging(_options, _clock);
        var token = PhotoStaging.NewToken();
        for (var i = 0; i < PhotoRules.MaxPerSubmission; i++) await staging.AddAsync(token, SamplePhoto.Value, $"{i}.jpg");

        await Assert.ThrowsAsync<InvalidOperationException>(() => staging.AddAsync(token, SamplePhoto.Value, "7.jpg"));
        Assert.Equal(6, staging.List(token).Count);
    }

    [Fact]
    public async Task Staging_older_than_24_hours_is_cleaned_up()
    {
        var staging = new PhotoStaging(_options, _clock);
        var old = PhotoStaging.NewToken();
        var recent = PhotoStaging.NewToken();
        await staging.AddAsync(old, SamplePhoto.Value, "old.jpg");
        _clock.Advance(TimeSpan.FromHours(20));
        await staging.AddAsync(recent, SamplePhoto.Value, "recent.jpg");

        _clock.Advance(TimeSpan.FromHours(3)); // old: 23 h
        Assert.Equal(0, staging.CleanUp());

        _clock.Advance(TimeSpan.FromHours(2)); // old: 25 h, recent: 5 h
        Assert.Equal(1, staging.CleanUp());
        Assert.Empty(staging.List(old));
        Assert.Single(staging.List(recent));
    }
}
