using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Localization;

namespace OwnerPortal.Core.Web;

/// <summary>
/// A form post that met the database down for longer than the retries (UnitOfWork) gets its own page back with
/// everything typed still in it, a "try again" message and 503, instead of the error page. Nothing half-done was
/// kept (each unit of work is one transaction) and the form's idempotency key makes the second submit file once.
/// </summary>
public sealed partial class DatabaseUnavailableFilter(IStringLocalizer<Strings> t, ILogger<DatabaseUnavailableFilter> logger) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.Exception is null || executed.ExceptionHandled || !HttpMethods.IsPost(context.HttpContext.Request.Method)
            || !UnitOfWork.IsDatabaseUnavailable(executed.Exception) || context.HandlerInstance is not PageModel page)
            return;
        LogUnavailable(logger, context.HttpContext.Request.Path, executed.Exception.GetType().Name);
        page.ModelState.AddModelError("", t["Error.Busy.Form"]);
        executed.Result = new PageResult { StatusCode = StatusCodes.Status503ServiceUnavailable };
        executed.ExceptionHandled = true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database unavailable while handling a post to {Path} ({Error}); the form was shown again")]
    private static partial void LogUnavailable(ILogger logger, PathString path, string error);
}
