using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using OwnerPortal.Core.Cases.Photos;
using OwnerPortal.Core.Localization;

namespace OwnerPortal.Portal.Pages.Cases;

/// <summary>
/// Checks an owner's uploads by content. Accepted photos come back with their file names; each refused one, and
/// any beyond the <paramref name="room"/> left, becomes a message naming the file under <paramref name="field"/>.
/// </summary>
public static class PhotoUploads
{
    public static async Task<List<(ProcessedPhoto Photo, string Name)>> CheckAsync(IEnumerable<IFormFile> files, int room,
        ModelStateDictionary modelState, string field, IStringLocalizer<Strings> t, CancellationToken ct)
    {
        var accepted = new List<(ProcessedPhoto, string)>();
        foreach (var file in files.Where(f => f.Length > 0))
        {
            if (accepted.Count >= room)
            {
                modelState.AddModelError(field, t["Photos.TooMany", PhotoRules.MaxPerSubmission]);
                break;
            }
            await using var stream = file.OpenReadStream();
            var result = await PhotoProcessor.ProcessAsync(stream, file.Length, ct);
            if (result.IsAccepted) accepted.Add((result.Photo, file.FileName));
            else modelState.AddModelError(field, $"{PhotoStorage.SanitizeFileName(file.FileName)}: {t.Enum(result.Rejection.Value)}");
        }
        return accepted;
    }
}
