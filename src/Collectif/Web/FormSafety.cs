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

/// <summary>
/// Removes NUL characters from form fields, query strings and JSON strings before anything reads
/// them. No person types one; PostgreSQL refuses them in text (a 500 on any form or search, found
/// by fuzzing), and removing them at the door keeps what is hashed equal to what is stored.
/// </summary>
public static partial class NulCharacters
{
    public static string? Strip(string? value) => value is not null && value.Contains('\0', StringComparison.Ordinal) ? value.Replace("\0", "", StringComparison.Ordinal) : value;

    /// <summary>Wraps the form and query-string value provider factories of MVC (pages).</summary>
    public static void StripFromFormsAndQueries(MvcOptions options)
    {
        for (var i = 0; i < options.ValueProviderFactories.Count; i++)
        {
            if (options.ValueProviderFactories[i] is FormValueProviderFactory or QueryStringValueProviderFactory or JQueryFormValueProviderFactory or JQueryQueryStringValueProviderFactory)
            {
                options.ValueProviderFactories[i] = new Factory(options.ValueProviderFactories[i]);
            }
        }
    }

    private sealed class Factory(IValueProviderFactory inner) : IValueProviderFactory
    {
        public async Task CreateValueProviderAsync(ValueProviderFactoryContext context)
        {
            var before = context.ValueProviders.Count;
            await inner.CreateValueProviderAsync(context);
            for (var i = before; i < context.ValueProviders.Count; i++)
            {
                context.ValueProviders[i] = new Provider(context.ValueProviders[i]);
            }
        }
    }

    // Forwards everything (binding sources, collection keys) and strips the values it hands out.
    private sealed class Provider(IValueProvider inner) : IValueProvider, IBindingSourceValueProvider, IEnumerableValueProvider
    {
        public bool ContainsPrefix(string prefix) => inner.ContainsPrefix(prefix);

        public ValueProviderResult GetValue(string key)
        {
            var result = inner.GetValue(key);
            return result.Values.Any(v => v is not null && v.Contains('\0', StringComparison.Ordinal))
                ? new ValueProviderResult(new Microsoft.Extensions.Primitives.StringValues(result.Values.Select(Strip).ToArray()), result.Culture)
                : result;
        }

        public IValueProvider? Filter(BindingSource bindingSource) =>
            inner is IBindingSourceValueProvider filtering ? filtering.Filter(bindingSource) is { } filtered ? new Provider(filtered) : null : this;

        public IDictionary<string, string> GetKeysFromPrefix(string prefix) =>
            inner is IEnumerableValueProvider enumerable ? enumerable.GetKeysFromPrefix(prefix) : new Dictionary<string, string>();
    }

    /// <summary>
    /// For the JSON API: the escape <c>\u0000</c> is removed from request bodies before they are
    /// read (a raw NUL is not valid JSON and is refused by the parser). Done on the text rather
    /// than with a string converter, which would hide every string's type from the OpenAPI document.
    /// </summary>
    public static void StripFromJsonBodies(IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        if (request.HasJsonContentType() && request.ContentLength is not 0)
        {
            using var reader = new StreamReader(request.Body, System.Text.Encoding.UTF8, leaveOpen: true);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            var cleaned = EscapedNul().Replace(body, "$1");
            var bytes = System.Text.Encoding.UTF8.GetBytes(cleaned);
            request.Body = new MemoryStream(bytes);
            request.ContentLength = bytes.Length;
        }

        await next();
    });

    // \u0000 not itself escaped: an even run of backslashes (kept) then the escape (dropped).
    [System.Text.RegularExpressions.GeneratedRegex(@"(?<!\\)((?:\\\\)*)\\u0000", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex EscapedNul();
}
