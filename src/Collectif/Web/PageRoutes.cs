using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace Collectif.Web;

public static class PageRoutes
{
    /// <summary>
    /// A second address for an edit page, used to create ("/…/new"). It answers requests but is
    /// never chosen when the page's forms and links are generated: otherwise, being the more
    /// specific route, it would win, and "Publish" on an existing text would post to "/…/new".
    /// </summary>
    public static PageConventionCollection AddCreationRoute(this PageConventionCollection conventions, string pageName, string template)
    {
        conventions.AddPageRouteModelConvention(pageName, model => model.Selectors.Add(new SelectorModel
        {
            AttributeRouteModel = new AttributeRouteModel { Template = template, SuppressLinkGeneration = true },
        }));
        return conventions;
    }
}
