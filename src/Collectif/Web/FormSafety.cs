using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Collectif.Web;

/// <summary>
/// Binds yes/no fields (checkboxes) so that a value no checkbox sends is a validation error the
/// form can show again. The default binder keeps the raw text, and the checkbox tag helper then
/// fails to parse it while re-rendering the form: a 500 instead of a 400 (found by fuzzing).
/// </summary>
public sealed class CheckboxBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context) =>
        context.Metadata.UnderlyingOrModelType == typeof(bool) && context.BindingInfo.BindingSource != BindingSource.Body ? new CheckboxBinder() : null;

    private sealed class CheckboxBinder : IModelBinder
    {
        public Task BindModelAsync(ModelBindingContext bindingContext)
        {
            var result = bindingContext.ValueProvider.GetValue(bindingContext.ModelName);
            if (result == ValueProviderResult.None)
            {
                return Task.CompletedTask;
            }

            bindingContext.ModelState.SetModelValue(bindingContext.ModelName, result);
            var first = result.FirstValue?.Trim();
            if (string.IsNullOrEmpty(first))
            {
                if (bindingContext.ModelMetadata.IsReferenceOrNullableType)
                {
                    bindingContext.Result = ModelBindingResult.Success(null);
                }

                return Task.CompletedTask;
            }

            if (bool.TryParse(first, out var value) || (first.Equals("on", StringComparison.OrdinalIgnoreCase) && (value = true)))
            {
                bindingContext.Result = ModelBindingResult.Success(value);
                return Task.CompletedTask;
            }

            bindingContext.ModelState.SetModelValue(bindingContext.ModelName, false, "false");
            bindingContext.ModelState.TryAddModelError(bindingContext.ModelName,
                bindingContext.ModelMetadata.ModelBindingMessageProvider.AttemptedValueIsInvalidAccessor(first, bindingContext.ModelMetadata.GetDisplayName()));
            bindingContext.Result = ModelBindingResult.Failed();
            return Task.CompletedTask;
        }
    }
}

/// <summary>
/// A POST that names no handler the page has (a forged or mistyped <c>?handler=</c>, or a page
/// without a form) is refused with 405. Razor Pages would otherwise render the page without running
/// any code to load it, which fails on pages whose model is filled by their handlers.
/// </summary>
public sealed class UnknownHandlerFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (context.HandlerMethod is null && !HttpMethods.IsGet(context.HttpContext.Request.Method) && !HttpMethods.IsHead(context.HttpContext.Request.Method))
        {
            context.Result = new StatusCodeResult(StatusCodes.Status405MethodNotAllowed);
            return;
        }

        await next();
    }
}
