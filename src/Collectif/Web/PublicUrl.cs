using Collectif.Email;
using Microsoft.Extensions.Options;

namespace Collectif.Web;

/// <summary>The site's public address for links in mail: configured, else the current request's, else localhost.</summary>
public sealed class PublicUrl(IOptions<EmailOptions> email, IHttpContextAccessor http)
{
    public string Base =>
        (email.Value.PublicBaseUrl
         ?? (http.HttpContext?.Request is { } request ? $"{request.Scheme}://{request.Host}" : "http://localhost:5080")).TrimEnd('/');
}
