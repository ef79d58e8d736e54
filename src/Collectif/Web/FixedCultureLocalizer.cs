using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Collectif.Web;

/// <summary>
/// Looks strings up in one culture, whatever the thread's culture is when asked: mails speak their
/// recipient's or their text's language, not the language of the request that queued them.
/// </summary>
public sealed class FixedCultureLocalizer(IStringLocalizer inner, CultureInfo culture) : IStringLocalizer
{
    public static FixedCultureLocalizer For(IStringLocalizerFactory factory, string language) =>
        new(factory.Create(typeof(SharedResource)), CultureInfo.GetCultureInfo(language == "en" ? "en" : "fr"));

    public CultureInfo Culture => culture;

    public LocalizedString this[string name] => With(() => inner[name]);

    public LocalizedString this[string name, params object[] arguments] => With(() => inner[name, arguments]);

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => With(() => inner.GetAllStrings(includeParentCultures).ToList());

    /// <summary>Runs <paramref name="lookup"/> (a lookup, a date format) in this localizer's culture.</summary>
    public T With<T>(Func<T> lookup)
    {
        var previous = CultureInfo.CurrentUICulture;
        var previousFormat = CultureInfo.CurrentCulture;
        CultureInfo.CurrentUICulture = culture;
        CultureInfo.CurrentCulture = culture;
        try
        {
            return lookup();
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
            CultureInfo.CurrentCulture = previousFormat;
        }
    }
}
