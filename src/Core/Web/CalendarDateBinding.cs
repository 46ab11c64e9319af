using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Binders;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;
using OwnerPortal.Core.Localization;
using OwnerPortal.Core.Time;

namespace OwnerPortal.Core.Web;

/// <summary>
/// Every DateOnly a page binds (query or form) must lie in <see cref="CalendarRange"/>: 9999-12-31 parses, but the
/// next day overflows. Out-of-range dates are a model error (the value stays unset), decided here once for both sites
/// instead of on each page (issue #15).
/// </summary>
public sealed class CalendarDateBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context)
    {
        var type = context.Metadata.ModelType;
        if ((Nullable.GetUnderlyingType(type) ?? type) != typeof(DateOnly)) return null;
        return new Binder(new SimpleTypeModelBinder(type, context.Services.GetRequiredService<ILoggerFactory>()));
    }

    private sealed class Binder(IModelBinder inner) : IModelBinder
    {
        public async Task BindModelAsync(ModelBindingContext context)
        {
            await inner.BindModelAsync(context);
            if (context.Result is not { IsModelSet: true, Model: DateOnly day } || CalendarRange.Contains(day)) return;
            var t = context.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<Strings>>();
            context.ModelState.TryAddModelError(context.ModelName,
                t["Validation.DateRange", CalendarRange.Earliest.ToString("yyyy-MM-dd"), CalendarRange.Latest.ToString("yyyy-MM-dd")]);
            context.Result = ModelBindingResult.Failed();
        }
    }
}
