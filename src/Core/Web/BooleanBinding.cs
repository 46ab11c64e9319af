using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Binders;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OwnerPortal.Core.Web;

/// <summary>
/// A yes/no field (a checkbox) with a value that is not "true" or "false" reads as unset. Only a crafted request sends
/// one; without this the value stays in ModelState and the checkbox tag helper throws on it when the form is drawn
/// again (a 500, issue #15). Decided here once for both sites.
/// </summary>
public sealed class BooleanBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context)
    {
        var type = context.Metadata.ModelType;
        if ((Nullable.GetUnderlyingType(type) ?? type) != typeof(bool)) return null;
        return new Binder(new SimpleTypeModelBinder(type, context.Services.GetRequiredService<ILoggerFactory>()), type);
    }

    private sealed class Binder(IModelBinder inner, Type type) : IModelBinder
    {
        public async Task BindModelAsync(ModelBindingContext context)
        {
            await inner.BindModelAsync(context);
            if (context.ModelState[context.ModelName] is not { Errors.Count: > 0 }) return;
            context.ModelState.Remove(context.ModelName);
            context.Result = ModelBindingResult.Success(type == typeof(bool) ? false : null);
        }
    }
}
