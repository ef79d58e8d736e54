using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Collectif.Features.Api;

/// <summary>
/// /developers: the API reference for people, drawn on the server from the same OpenAPI document
/// that <c>/openapi/v1.json</c> serves — no script, no third-party asset, in the page's language
/// around the endpoints' own (English) descriptions.
/// </summary>
public sealed class ReferenceModel([FromKeyedServices(OpenApiSetup.DocumentName)] IOpenApiDocumentProvider documents) : PageModel
{
    public sealed record Parameter(string Name, string In, string Type, bool Required);

    public sealed record Answer(string Status, string Description, string? Schema);

    public sealed record Operation(string Method, string Path, string? Summary, string? Description, IReadOnlyList<Parameter> Parameters, string? Body, IReadOnlyList<Answer> Responses, bool NeedsToken)
    {
        public string Anchor => (Method + "-" + Path).ToLowerInvariant().Replace('/', '-').Replace("{", "", StringComparison.Ordinal).Replace("}", "", StringComparison.Ordinal).Replace("--", "-", StringComparison.Ordinal).TrimEnd('-');
    }

    public sealed record Schema(string Name, IReadOnlyList<(string Name, string Type)> Properties);

    public IReadOnlyList<(string Tag, IReadOnlyList<Operation> Operations)> Groups { get; private set; } = [];
    public IReadOnlyList<Schema> Schemas { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var document = await documents.GetOpenApiDocumentAsync(cancellationToken);
        var operations = new List<(string Tag, Operation Operation)>();
        foreach (var (path, item) in document.Paths)
        {
            foreach (var (method, operation) in item.Operations ?? [])
            {
                var parameters = (operation.Parameters ?? []).Select(p => new Parameter(p.Name ?? "", p.In?.ToString().ToLowerInvariant() ?? "", TypeName(p.Schema), p.Required)).ToList();
                var body = operation.RequestBody?.Content?.Values.FirstOrDefault()?.Schema is { } bodySchema ? TypeName(bodySchema) : null;
                var responses = (operation.Responses ?? []).Select(r => new Answer(r.Key, r.Value.Description ?? "", r.Value.Content?.Values.FirstOrDefault()?.Schema is { } s ? TypeName(s) : null)).ToList();
                var tag = operation.Tags?.FirstOrDefault()?.Name ?? "Other";
                operations.Add((tag, new Operation(method.Method, path, operation.Summary, operation.Description, parameters, body, responses, operation.Security is { Count: > 0 })));
            }
        }

        Groups = operations.GroupBy(o => o.Tag).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, (IReadOnlyList<Operation>)g.Select(o => o.Operation).OrderBy(o => o.Path, StringComparer.Ordinal).ThenBy(o => o.Method, StringComparer.Ordinal).ToList()))
            .ToList();
        Schemas = (document.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>())
            .OrderBy(s => s.Key, StringComparer.Ordinal)
            .Select(s => new Schema(s.Key, (s.Value.Properties ?? new Dictionary<string, IOpenApiSchema>()).Select(p => (p.Key, TypeName(p.Value))).ToList()))
            .ToList();
    }

    /// <summary>A schema as a reader wants it: the referenced type's name, "array of X", or the JSON type and format.</summary>
    public static string TypeName(IOpenApiSchema? schema)
    {
        switch (schema)
        {
            case null:
                return "";
            case OpenApiSchemaReference reference:
                return reference.Reference.Id ?? "object";
        }

        if (schema.Type is { } type && type.HasFlag(JsonSchemaType.Array))
        {
            return "array of " + TypeName(schema.Items);
        }

        if (schema.Enum is { Count: > 0 } values)
        {
            return "one of " + string.Join(", ", values.Select(v => v?.ToString().Trim('"')));
        }

        var names = schema.Type is { } t
            ? Enum.GetValues<JsonSchemaType>().Where(flag => flag != 0 && t.HasFlag(flag) && flag != JsonSchemaType.Null && !(flag == JsonSchemaType.String && t.HasFlag(JsonSchemaType.Integer))).Select(flag => flag.ToString().ToLowerInvariant())
            : [];
        var text = string.Join(" or ", names);
        if (schema.OneOf is { Count: > 0 } oneOf)
        {
            text = string.Join(" or ", oneOf.Select(TypeName).Where(n => n is not ("" or "null")));
        }

        return schema.Format is { Length: > 0 } format ? $"{text} ({format})" : text.Length > 0 ? text : "any";
    }
}
