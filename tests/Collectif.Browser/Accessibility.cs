using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Collectif.Browser;

public static class Accessibility
{
    /// <summary>Runs axe-core on the page; serious and critical violations fail the test, with what and where.</summary>
    /// <param name="frames">False for pages whose frames run no script by design (the sandboxed mail preview): axe cannot enter them and would wait for them forever.</param>
    public static async Task ShouldHaveNoSeriousViolationsAsync(this IPage page, bool frames = true)
    {
        AxeResult result;
        var options = frames ? null : new AxeRunOptions { Iframes = false };
        try
        {
            result = await page.RunAxe(options);
        }
        catch (PlaywrightException)
        {
            // The page was still settling (a navigation or late load) when axe started: the check
            // could not run, which is not a violation. Wait for quiet and run it once more.
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            result = await page.RunAxe(options);
        }

        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        serious.ShouldBeEmpty(string.Join("\n", serious.Select(Describe)));
    }

    private static string Describe(AxeResultItem violation) =>
        $"{violation.Id} ({violation.Impact}): {violation.Help} — {string.Join(" | ", violation.Nodes.Take(3).Select(n => n.Html))}";
}
