using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.Estates;
using OwnerPortal.Core.Identity;
using OwnerPortal.Core.Localization;

namespace OwnerPortal.Admin.Pages.Structure;

/// <summary>Loads buildings and units from a CSV file, all or nothing, with a per-row report of what is wrong.</summary>
[Authorize(Policy = Policies.EstateStructure)]
// Above the import's own 2 MB so a somewhat larger file gets a clear message rather than a bare 413.
[RequestSizeLimit(RequestLimit)]
[RequestFormLimits(MultipartBodyLengthLimit = RequestLimit)]
public class ImportModel(OwnerPortalDbContext db, IStringLocalizer<Strings> t) : PageModel
{
    private const long RequestLimit = 16 * 1024 * 1024;
    /// <summary>Enough to fix a file; the rest are counted.</summary>
    public const int ErrorsShown = 500;

    public EstateChoice? Choice { get; private set; }
    public (int Id, string Name)? Estate { get; private set; }
    public IReadOnlyList<UnitImportError> Errors { get; private set; } = [];
    public string? FileName { get; private set; }
    [BindProperty] public IFormFile? Upload { get; set; }

    public async Task<IActionResult> OnGetAsync(int? estate, CancellationToken ct) =>
        await LoadAsync(estate, ct) ? Page() : NotFound();

    /// <summary>The template: header and two example rows, UTF-8 with BOM.</summary>
    public IActionResult OnGetTemplate() => File(UnitImport.Template(), "text/csv; charset=utf-8", "units-template.csv");

    public async Task<IActionResult> OnPostAsync(int? estate, CancellationToken ct)
    {
        if (!await LoadAsync(estate, ct) || Estate is null) return NotFound();
        if (Upload is null || Upload.Length == 0)
        {
            ModelState.AddModelError(nameof(Upload), t["Admin.Structure.Import.NoFile"]);
            return Page();
        }
        FileName = Path.GetFileName(Upload.FileName);
        if (Upload.Length > UnitImport.MaxBytes)
        {
            ModelState.AddModelError(nameof(Upload), t["Admin.Structure.Import.TooLarge", (Upload.Length / 1024d / 1024d).ToString("0.0"), UnitImport.MaxBytes / 1024 / 1024]);
            return Page();
        }
        var bytes = new byte[Upload.Length];
        await using (var stream = Upload.OpenReadStream()) await stream.ReadExactlyAsync(bytes, ct);

        var outcome = await UnitImport.ImportAsync(db, Estate.Value.Id, bytes, ct);
        if (!outcome.Succeeded)
        {
            Errors = outcome.Errors;
            return Page();
        }
        TempData["StatusMessage"] = t["Admin.Structure.Import.Done", outcome.UnitsCreated, outcome.BuildingsCreated, FileName].Value;
        return RedirectToPage("/Structure/Index", new { estate = User.EstateIdOf() is null ? Estate.Value.Id : (int?)null });
    }

    /// <summary>The localized sentence for one problem.</summary>
    public string Describe(UnitImportError e) =>
        t[$"{nameof(UnitImportProblem)}.{e.Problem}", e.Value ?? "", e.OtherRow ?? 0, UnitImport.MaxNameLength, UnitImport.MaxFloor,
            UnitImport.MaxArea.ToString("N0"), UnitImport.MaxBytes / 1024 / 1024, string.Join(",", UnitImport.Columns)];

    private async Task<bool> LoadAsync(int? estate, CancellationToken ct)
    {
        var id = EstateChoice.EstateFor(User, estate);
        Choice = await EstateChoice.ForAsync(User, db, id, "/Structure/Import", ct);
        if (id is null) return true;
        var found = await db.Estates.AsNoTracking().Where(e => e.Id == id).Select(e => new { e.Id, e.Name }).FirstOrDefaultAsync(ct);
        if (found is null) return false;
        Estate = (found.Id, found.Name);
        return true;
    }
}
