using Microsoft.OpenApi;

namespace Collectif.Features.Api;

/// <summary>
/// The OpenAPI 3.1 document of the JSON API, generated from the endpoints themselves
/// (Microsoft.AspNetCore.OpenApi) and served at <c>/openapi/v1.json</c>. Only <c>/api/…</c>
/// is described: pages, feeds and the ledger have their own formats.
/// </summary>
public static class OpenApiSetup
{
    public const string DocumentName = "v1";
    public const string TokenScheme = "token";

    public static IServiceCollection AddCollectifOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(DocumentName, options =>
        {
            options.ShouldInclude = description => description.RelativePath is { } path && path.StartsWith("api/", StringComparison.Ordinal);
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Collectif API",
                    Version = "1",
                    Description = "Statements, organizations, signatories, petitions and mobilizations of a coalition, and writing with personal API tokens. Errors are RFC 9457 ProblemDetails. See docs/api.md.",
                    License = new OpenApiLicense { Name = "AGPL-3.0-or-later", Identifier = "AGPL-3.0-or-later" },
                };
                // Relative to wherever the instance is served: the same document for every host.
                document.Servers = [];
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[TokenScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "A personal API token (Account → API tokens), sent as `Authorization: Bearer clf_…`.",
                };
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                if (context.Description.ActionDescriptor.EndpointMetadata.OfType<TokenScopeMetadata>().FirstOrDefault() is { } needs)
                {
                    operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(TokenScheme, context.Document)] = [ApiTokenAuthentication.ScopeName(needs.Scope)] }];
                    operation.Description = (operation.Description is null ? "" : operation.Description + " ") + $"Needs a token with the '{ApiTokenAuthentication.ScopeName(needs.Scope)}' scope.";
                    operation.Responses ??= [];
                    operation.Responses["401"] = new OpenApiResponse { Description = "No token, or an unknown, expired or revoked one" };
                    operation.Responses["403"] = new OpenApiResponse { Description = "The token lacks the scope, or its account the role" };
                    operation.Responses["429"] = new OpenApiResponse { Description = "Too many requests with this token; see Retry-After" };
                }

                return Task.CompletedTask;
            });
        });
}
