using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

using OwnerPortal.Core.Data;

namespace OwnerPortal.Core.Pages;

[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
[IgnoreAntiforgeryToken]
public class ErrorModel : PageModel
{
    public string? RequestId { get; private set; }
    public int StatusCodeShown { get; private set; }

    public void OnGet(int? code) => Show(code);
    public void OnPost(int? code) => Show(code);

    private void Show(int? code)
    {
        RequestId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
        StatusCodeShown = code ?? 500;
        // The database was unreachable past the retries: "busy, try again" (503), not "something broke".
        if (code is null && UnitOfWork.IsDatabaseUnavailable(HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error))
        {
            StatusCodeShown = StatusCodes.Status503ServiceUnavailable;
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        }
    }
}
