using System.Threading.RateLimiting;
using Collectif;
using Collectif.Cli;
using Collectif.Data;
using Collectif.Demo;
using Collectif.Email;
using Collectif.Features.Accounts;
using Collectif.Features.Coalitions;
using Collectif.Features.Ledger;
using Collectif.Features.Mobilizations;
using Collectif.Features.Organizations;
using Collectif.Features.Publishing;
using Collectif.Features.Statements;
using Collectif.Features.Statements.Pdf;
using Collectif.Web;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using OpenTelemetry.Metrics;

// `collectif migrate`, `parse-signatories` …: the same executable, the same services.
if (CollectifCli.Handles(args))
{
    return await CollectifCli.RunAsync(args);
}

var app = Program.BuildWebApplication(args);
await app.RunAsync();
return 0;

public partial class Program
{
    /// <summary>Services and HTTP pipeline, top to bottom. The CLI builds the same application without running it.</summary>
    internal static WebApplication BuildWebApplication(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var services = builder.Services;
        var settings = builder.Configuration.GetSection(CollectifOptions.Section).Get<CollectifOptions>() ?? new CollectifOptions();
        var database = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var secureCookies = settings.SecureCookies ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;

        // Configuration and time
        services.Configure<CollectifOptions>(builder.Configuration.GetSection(CollectifOptions.Section));
        services.AddSingleton(TimeProvider.System);

        // Data: one DbContext; SQLite by default, PostgreSQL for scale-out
        services.AddCollectifDb(database, settings.FullDataDirectory);
        services.AddPublicCache(settings); // its interceptor empties the cache when public content is written
        services.AddSingleton<Collectif.Features.Statements.StatementPageCache>();
        services.AddHostedService<DatabaseInitializer>();
        services.AddDataProtection()
            .SetApplicationName("Collectif")
            .PersistKeysToDbContext<CollectifDb>();

        // Mail: a durable outbox in the database, sent by a background worker over SMTP
        services.Configure<EmailOptions>(builder.Configuration.GetSection(EmailOptions.Section));
        services.AddSingleton<OutboxSignal>();
        services.AddScoped<SmtpMailSender>();
        services.AddScoped<OutboxProcessor>();
        services.AddHostedService<OutboxWorker>();

        // Features
        services.AddHttpContextAccessor();
        services.AddScoped<Collectif.Features.Audit.AuditLog>();
        services.AddScoped<CurrentCoalition>();
        services.AddScoped<InvitePerson>();
        services.AddScoped<ImportSignatories>();
        services.AddScoped<MergeOrganizations>();
        services.AddScoped<VerifyOrganization>();
        services.AddScoped<Collectif.Features.Statements.SaveStatement>();
        services.AddScoped<Collectif.Features.Search.StatementSearch>();
        services.AddScoped<StatementWorkflow>();
        services.AddScoped<Collectif.Features.Mobilizations.MobilizationService>();
        services.AddScoped<PublicUrl>();
        services.AddScoped<Collectif.Features.Ledger.SignatureLedger>();
        services.AddScoped<Collectif.Features.Ledger.LedgerKey>();
        services.AddScoped<Collectif.Features.Ledger.LedgerCheckpoints>();
        services.AddScoped<Collectif.Features.SignOn.SignOnService>();
        services.Configure<Collectif.Features.Petitions.PetitionOptions>(builder.Configuration.GetSection(Collectif.Features.Petitions.PetitionOptions.Section));
        services.AddScoped<Collectif.Features.Petitions.PetitionService>();
        services.AddSingleton<Collectif.Features.Petitions.SignerKeys>();
        services.AddSingleton<Collectif.Features.Petitions.SignatureWriter>();
        services.AddSingleton<Collectif.Features.Petitions.AbuseGuard>();
        services.AddSingleton<Collectif.Features.Petitions.ProofOfWork>();
        services.AddSingleton<Collectif.Features.Petitions.PetitionStats>();
        services.AddHostedService<Collectif.Features.Petitions.PetitionHousekeeping>();
        services.AddSingleton<Collectif.Features.SignOn.SignOnScheduler>();
        services.AddHostedService(provider => provider.GetRequiredService<Collectif.Features.SignOn.SignOnScheduler>());
        services.AddScoped<Collectif.Features.Statements.Consultation.ConsultationService>();
        services.AddSingleton<ScheduledPublisher>();
        services.AddHostedService(provider => provider.GetRequiredService<ScheduledPublisher>());
        services.AddSingleton<Collectif.Features.Statements.Pdf.PdfRenderer>();
        services.AddScoped<Collectif.Features.Statements.Pdf.StatementPdfs>();
        services.AddSingleton<Collectif.Features.Statements.Pdf.PdfBacklog>();
        services.AddHostedService<Collectif.Features.Statements.Pdf.PdfWorker>();
        services.Configure<VerificationOptions>(builder.Configuration.GetSection(VerificationOptions.Section));
        services.AddSingleton<ITxtRecordLookup, DnsTxtRecordLookup>();
        services.AddScoped<Collectif.Features.Press.DistributionService>();
        services.AddScoped<Collectif.Features.Press.ContactImporter>();
        services.AddScoped<Collectif.Features.Press.ContactEditor>();
        services.AddScoped<Collectif.Features.Press.BounceReader>();
        services.AddHostedService<Collectif.Features.Press.BounceMailboxWorker>();
        services.AddSingleton<Collectif.Features.Press.ContactImportWorker>();
        services.AddHostedService(provider => provider.GetRequiredService<Collectif.Features.Press.ContactImportWorker>());
        services.AddScoped<Collectif.Features.Api.ApiTokens>();
        services.AddScoped<Microsoft.AspNetCore.Authorization.IAuthorizationHandler, Collectif.Features.Api.ScopeRequirement.Handler>();
        services.AddAuthentication().AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, Collectif.Features.Api.ApiTokenAuthentication>(Collectif.Features.Api.ApiTokenAuthentication.SchemeName, null);
        services.Configure<Collectif.Features.Webhooks.WebhookOptions>(builder.Configuration.GetSection(Collectif.Features.Webhooks.WebhookOptions.Section));
        services.AddSingleton<Collectif.Features.Webhooks.WebhookSignal>();
        services.AddScoped<Collectif.Features.Webhooks.WebhookAnnouncer>();
        services.AddScoped<Collectif.Features.Webhooks.WebhookSender>();
        services.AddScoped<Collectif.Features.Webhooks.WebhookAdministration>();
        services.AddHostedService<Collectif.Features.Webhooks.WebhookWorker>();
        services.AddHttpClient(Collectif.Features.Webhooks.WebhookSender.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(provider => Collectif.Features.Webhooks.WebhookAddresses.Handler(
                provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<Collectif.Features.Webhooks.WebhookOptions>>().Value.AllowPrivateNetworks));
        services.AddScoped<SeedDemoData>();
        services.AddScoped<Collectif.Data.DatabaseBackup>();
        services.AddScoped<BootstrapAdministrator>();

        // People: pages in French and English
        // Pages carry French text: emit "é" as is rather than "&#xE9;".
        services.AddWebEncoders(options => options.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddLocalization(options => options.ResourcesPath = "Resources");
        services.AddRazorPages(options =>
            {
                options.Conventions.AuthorizeFolder("/Admin", AuthorizationPolicies.Administrator);
                options.Conventions.AuthorizeFolder("/Organizations/Admin", AuthorizationPolicies.Administrator);
                options.Conventions.AddCreationRoute("/Organizations/Admin/Edit", "/admin/organizations/new");
                options.Conventions.AuthorizeFolder("/Accounts/Admin", AuthorizationPolicies.Administrator);
                options.Conventions.AuthorizeFolder("/Audit/Admin", AuthorizationPolicies.Administrator);
                options.Conventions.AuthorizeFolder("/Statements/Editor", AuthorizationPolicies.ReadDrafts);
                options.Conventions.AuthorizePage("/Statements/Editor/Edit", AuthorizationPolicies.Editors);
                options.Conventions.AddCreationRoute("/Statements/Editor/Edit", "/editor/statements/new");
                options.Conventions.AuthorizePage("/Statements/Editor/Import", AuthorizationPolicies.Editors);
                options.Conventions.AuthorizePage("/Accounts/Index", AuthorizationPolicies.SignedIn);
                options.Conventions.AuthorizePage("/Accounts/TwoFactor", AuthorizationPolicies.SignedIn);
                options.Conventions.AuthorizePage("/Api/Tokens", AuthorizationPolicies.SignedIn);
                options.Conventions.AuthorizePage("/Organizations/Verify", AuthorizationPolicies.SignedIn);
                options.Conventions.AuthorizeFolder("/Statements/Consultation", AuthorizationPolicies.SignedIn);
                options.Conventions.AuthorizePage("/SignOn/Manage", AuthorizationPolicies.Editors);
                options.Conventions.AuthorizeFolder("/Petitions/Editor", AuthorizationPolicies.Editors);
                options.Conventions.AuthorizeFolder("/Petitions/Admin", AuthorizationPolicies.Administrator);
                options.Conventions.AuthorizeFolder("/Mobilizations/Editor", AuthorizationPolicies.Editors);
                options.Conventions.AuthorizeFolder("/Press/Editor", AuthorizationPolicies.Press);
                options.Conventions.AuthorizeFolder("/Webhooks/Admin", AuthorizationPolicies.Administrator);
                options.Conventions.AddCreationRoute("/Press/Editor/Contact", "/editor/press/contacts/new");
                options.Conventions.AddCreationRoute("/Mobilizations/Editor/Edit", "/editor/mobilizations/new");
                options.Conventions.AddPageRouteModelConvention("/Mobilizations/Alerts", model => model.Selectors.Add(new Microsoft.AspNetCore.Mvc.ApplicationModels.SelectorModel
                {
                    AttributeRouteModel = new Microsoft.AspNetCore.Mvc.ApplicationModels.AttributeRouteModel { Template = "/mobilizations/alerts/stop/{token}", SuppressLinkGeneration = true },
                }));
            })
            .WithRazorPagesRoot("/Features")
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(options =>
                options.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));

        // Model binding errors ("abc" for a number…) in the page's language too.
        services.AddOptions<Microsoft.AspNetCore.Mvc.MvcOptions>().Configure<Microsoft.Extensions.Localization.IStringLocalizer<SharedResource>>((options, localizer) =>
        {
            options.ModelBinderProviders.Insert(0, new CheckboxBinderProvider());
            options.Filters.Add(new UnknownHandlerFilter());
            NulCharacters.StripFromFormsAndQueries(options);
            var messages = options.ModelBindingMessageProvider;
            messages.SetAttemptedValueIsInvalidAccessor((value, _) => localizer["The value “{0}” is not valid.", value]);
            messages.SetNonPropertyAttemptedValueIsInvalidAccessor(value => localizer["The value “{0}” is not valid.", value]);
            messages.SetValueIsInvalidAccessor(value => localizer["The value “{0}” is not valid.", value]);
            messages.SetUnknownValueIsInvalidAccessor(_ => localizer["The value is not valid."]);
            messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => localizer["The value is not valid."]);
            messages.SetValueMustBeANumberAccessor(_ => localizer["The value is not valid."]);
            messages.SetNonPropertyValueMustBeANumberAccessor(() => localizer["The value is not valid."]);
            messages.SetValueMustNotBeNullAccessor(_ => localizer["A value is required."]);
            messages.SetMissingBindRequiredValueAccessor(_ => localizer["A value is required."]);
            messages.SetMissingKeyOrValueAccessor(() => localizer["A value is required."]);
            messages.SetMissingRequestBodyRequiredValueAccessor(() => localizer["A value is required."]);
        });

        // Accounts: ASP.NET Core Identity on CollectifDb
        services.AddIdentity<Account, IdentityRole<int>>(options =>
            {
                // Length and a breached-password check, not composition rules (NIST SP 800-63B).
                options.Password.RequiredLength = 12;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 1;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
                options.User.RequireUniqueEmail = true;
            })
            .AddEntityFrameworkStores<CollectifDb>()
            .AddUserManager<AccountManager>()
            .AddDefaultTokenProviders()
            .AddPasswordValidator<CommonPasswordValidator>()
            .AddErrorDescriber<LocalizedIdentityErrors>()
            .AddClaimsPrincipalFactory<AccountClaimsFactory>();
        services.Configure<DataProtectionTokenProviderOptions>(options => options.TokenLifespan = TimeSpan.FromHours(2));
        // "Sign out everywhere" changes the security stamp; other sessions notice within a minute.
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.FromMinutes(1));
        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/login";
            options.LogoutPath = "/logout";
            options.AccessDeniedPath = "/error/403";
            options.Cookie.Name = CookieName(settings, "collectif.auth");
            options.Cookie.SecurePolicy = secureCookies;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.SlidingExpiration = true;
            options.ExpireTimeSpan = TimeSpan.FromHours(12);
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(AuthorizationPolicies.Administrator, policy => policy
                .RequireAuthenticatedUser()
                .RequireRole(Roles.Administrator)
                .RequireClaim(AuthorizationPolicies.TwoFactorClaim, "true"))
            .AddPolicy(AuthorizationPolicies.SignedIn, policy => policy.RequireAuthenticatedUser())
            .AddPolicy(AuthorizationPolicies.Editors, policy => policy.RequireAssertion(context =>
                AuthorizationPolicies.IsAdministrator(context.User) || context.User.IsInRole(Roles.Editor)))
            .AddPolicy(AuthorizationPolicies.Press, policy => policy.RequireAssertion(context =>
                AuthorizationPolicies.IsAdministrator(context.User) || context.User.IsInRole(Roles.PressOfficer)))
            .AddPolicy(AuthorizationPolicies.ReadDrafts, policy => policy.RequireAssertion(context =>
                AuthorizationPolicies.IsAdministrator(context.User) || context.User.IsInRole(Roles.Editor) || context.User.IsInRole(Roles.Observer)))
            .AddPolicy(ActForOrganization.Policy, policy => policy.RequireAuthenticatedUser().AddRequirements(new ActForOrganization()));
        services.AddScoped<Microsoft.AspNetCore.Authorization.IAuthorizationHandler, ActForOrganization.Handler>();
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = CookieName(settings, "collectif.af");
            // SecurityHeaders sets X-Frame-Options on every response (DENY; none on the widget).
            options.SuppressXFrameOptionsHeader = true;
            options.Cookie.SecurePolicy = secureCookies;
        });
        // Identity's short-lived cookies between the password and the second factor.
        services.Configure<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, options =>
        {
            options.Cookie.Name = CookieName(settings, "collectif.2fa");
            options.Cookie.SecurePolicy = secureCookies;
        });
        // Behind a reverse proxy on the same machine: trust its X-Forwarded-For/Proto (loopback proxies only by default).
        services.Configure<ForwardedHeadersOptions>(options =>
            options.ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto);
        services.AddHsts(options =>
        {
            options.MaxAge = TimeSpan.FromDays(365);
            options.IncludeSubDomains = false; // a coalition's other sites may not be on https
        });
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Password guessing: a few attempts a minute per address; showing the form is not limited.
            options.AddPolicy(RateLimits.SignIn, context => HttpMethods.IsPost(context.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(
                    context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = settings.SignInAttemptsPerMinute, Window = TimeSpan.FromMinutes(1) })
                : RateLimitPartition.GetNoLimiter("show-form"));
            // A burst of signatures queues here instead of on the CPU: the pages read meanwhile stay
            // quick, and the signatures still commit together (SignatureWriter). Past the queue: 429.
            options.AddPolicy(RateLimits.SignatureIntake, context => HttpMethods.IsPost(context.Request.Method)
                ? RateLimitPartition.GetConcurrencyLimiter("intake", _ => new ConcurrencyLimiterOptions
                {
                    PermitLimit = Math.Max(1, settings.ConcurrentSignatures),
                    QueueLimit = 10_000,
                    QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                })
                : RateLimitPartition.GetNoLimiter("show-form"));
            // Keyed by a hash of the token itself: the limiter runs before the token is checked.
            options.AddPolicy(RateLimits.ApiToken, context => Collectif.Features.Api.ApiTokenAuthentication.BearerToken(context.Request) is { } token
                ? RateLimitPartition.GetFixedWindowLimiter(
                    Collectif.Features.Api.ApiTokenAuthentication.HashOf(token),
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = settings.ApiRequestsPerMinute, Window = TimeSpan.FromMinutes(1) })
                : RateLimitPartition.GetNoLimiter("no-token"));
            options.OnRejected = async (rejected, cancellationToken) =>
            {
                if (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    rejected.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                if (rejected.HttpContext.Request.Path.StartsWithSegments("/api"))
                {
                    await rejected.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                    {
                        HttpContext = rejected.HttpContext,
                        ProblemDetails = { Status = StatusCodes.Status429TooManyRequests, Title = "Too many requests", Detail = "This token made too many requests in the last minute; wait for the time in Retry-After." },
                    });
                }
            };
        });

        // Programs: JSON API with ProblemDetails, health
        // The framework answers some statuses by itself (415 before binding): say what to do.
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
            context.ProblemDetails.Detail ??= context.ProblemDetails.Status == StatusCodes.Status415UnsupportedMediaType
                ? Collectif.Features.Api.BadRequestHandler.SendJson
                : null);
        Collectif.Features.Api.OpenApiSetup.AddCollectifOpenApi(services);
        services.AddExceptionHandler<DatabaseUnavailable.Handler>();
        services.AddExceptionHandler<Collectif.Features.Api.BadRequestHandler>();
        // Binding failures throw in every environment so BadRequestHandler can say what was wrong.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        services.AddSingleton<CollectifMetrics>();
        services.AddOpenTelemetry().WithMetrics(metrics =>
        {
            metrics.AddMeter(CollectifMetrics.MeterName).AddAspNetCoreInstrumentation().AddRuntimeInstrumentation();
            if (settings.MetricsEndpoint)
            {
                metrics.AddPrometheusExporter();
            }

            if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
            {
                metrics.AddOtlpExporter();
            }
        });

        var app = builder.Build();

        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts(); // only on https responses
        }

        app.UseSecurityHeaders();
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/api"), api =>
        {
            api.UseExceptionHandler(new ExceptionHandlerOptions
            {
                SuppressDiagnosticsCallback = context => Collectif.Features.Api.BadRequestHandler.IsClientMistake(context.Exception),
                StatusCodeSelector = DatabaseUnavailable.StatusCode,
            });
            api.UseStatusCodePages();
        });
        app.UseWhen(context => !context.Request.Path.StartsWithSegments("/api"), pages =>
        {
            pages.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandlingPath = "/error", StatusCodeSelector = DatabaseUnavailable.StatusCode });
            pages.UseStatusCodePagesWithReExecute("/error/{0}");
        });
        Collectif.Features.Api.ApiCaching.UseApiCaching(app);
        Collectif.Features.Api.ApiBodyLimit.UseApiBodyLimit(app);
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/api"), NulCharacters.StripFromJsonBodies); // after the body limit, which bounds the read
        if (settings.MetricsEndpoint)
        {
            // This machine only (after forwarded headers: a request through the proxy has its client's address).
            app.UseOpenTelemetryPrometheusScrapingEndpoint(context =>
                context.Request.Path == "/metrics" && context.Connection.RemoteIpAddress is { } address && System.Net.IPAddress.IsLoopback(address));
        }

        app.UseRequestLocalization(Languages.Options(CookieName(settings, "collectif.lang")));
        app.UseStaticFiles();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseOutputCache(); // after authentication: signed-in visitors are never served from it
        app.Use(app.Services.GetRequiredService<Collectif.Features.Statements.StatementPageCache>().InvokeAsync);
        app.UseAntiforgery();

        app.MapRazorPages();
        app.MapLanguageSwitch(CookieName(settings, "collectif.lang"), settings.SecureCookies);
        app.MapOrganizationsApi();
        app.MapStatementsApi();
        Collectif.Features.Petitions.PetitionsApi.MapPetitionsApi(app);
        Collectif.Features.SignOn.SignOnApi.MapSignOnApi(app);
        Collectif.Features.Press.PressApi.MapPressApi(app);
        Collectif.Features.Accounts.AccountApi.MapAccountApi(app);
        Collectif.Features.Mobilizations.MobilizationsApi.MapMobilizationsApi(app);
        Collectif.Features.Osdi.OsdiApi.MapOsdiApi(app);
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapCoalitionLogo();
        app.MapStatementImage();
        app.MapStatementPdf();
        app.MapLedger();
        Collectif.Features.Petitions.PetitionEndpoints.MapPetitionEndpoints(app);
        app.MapMobilizationCalendars();
        Collectif.Features.Press.PressEndpoints.MapPressEndpoints(app);
        app.MapFeeds();
        app.MapHealthChecks("/healthz", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions
        {
            // The default writer says text/plain without a charset; every text answer names its charset.
            ResponseWriter = (context, report) =>
            {
                context.Response.ContentType = "text/plain; charset=utf-8";
                return context.Response.WriteAsync(report.Status.ToString());
            },
        });
        return app;
    }

    /// <summary><c>__Host-</c> cookies are Secure, for this host only and for the whole site: no subdomain or path can plant or read them.</summary>
    private static string CookieName(CollectifOptions settings, string name) => settings.SecureCookies ? "__Host-" + name : name;
}
