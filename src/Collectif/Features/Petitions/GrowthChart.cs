using System.Globalization;
using System.Net;
using System.Text;

namespace Collectif.Features.Petitions;

/// <summary>
/// The growth of a petition as an SVG drawn on the server: cumulative confirmed signatures per
/// day, with the goal as a dashed line. No script, no third party; the page also gives the figures
/// as a table for screen readers and for those who prefer numbers.
/// </summary>
public static class GrowthChart
{
    private const int Width = 640, Height = 220, Left = 56, Right = 12, Top = 12, Bottom = 28;

    public static string Svg(IReadOnlyList<DailyCount> daily, int? goal, string title, string description, CultureInfo culture)
    {
        var points = new List<(DateOnly Day, int Total)>();
        var total = 0;
        foreach (var day in daily)
        {
            total += day.Count;
            points.Add((day.Day, total));
        }

        var max = Math.Max(Math.Max(total, goal ?? 0), 1);
        var first = points.Count > 0 ? points[0].Day.AddDays(-1) : DateOnly.MinValue;
        var span = Math.Max(points.Count > 0 ? points[^1].Day.DayNumber - first.DayNumber : 1, 1);
        double X(DateOnly day) => Left + ((day.DayNumber - first.DayNumber) * (Width - Left - Right) / (double)span);
        double Y(int value) => Top + ((Height - Top - Bottom) * (1 - (value / (double)max)));
        string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"growth-chart\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-labelledby=\"growth-title growth-desc\" xmlns=\"http://www.w3.org/2000/svg\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"growth-title\">{WebUtility.HtmlEncode(title)}</title><desc id=\"growth-desc\">{WebUtility.HtmlEncode(description)}</desc>");
        // Axes and three horizontal guides with their values.
        foreach (var fraction in new[] { 0.0, 0.5, 1.0 })
        {
            var value = (int)Math.Round(max * fraction);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{F(Y(value))}\" y2=\"{F(Y(value))}\" stroke=\"#c8c8c8\" stroke-width=\"1\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{F(Y(value) + 4)}\" text-anchor=\"end\" font-size=\"12\" fill=\"#333\">{value.ToString("N0", culture)}</text>");
        }

        if (goal is { } g)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{F(Y(g))}\" y2=\"{F(Y(g))}\" stroke=\"#7a1414\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>");
        }

        if (points.Count > 0)
        {
            var line = new StringBuilder();
            line.Append(CultureInfo.InvariantCulture, $"M{F(X(first))},{F(Y(0))}");
            foreach (var (day, value) in points)
            {
                line.Append(CultureInfo.InvariantCulture, $" L{F(X(day))},{F(Y(value))}");
            }

            svg.Append(CultureInfo.InvariantCulture, $"<path d=\"{line} L{F(X(points[^1].Day))},{F(Y(0))} Z\" fill=\"#9e1b1b\" fill-opacity=\"0.15\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<path d=\"{line}\" fill=\"none\" stroke=\"#9e1b1b\" stroke-width=\"2.5\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left}\" y=\"{Height - 8}\" font-size=\"12\" fill=\"#333\">{WebUtility.HtmlEncode(points[0].Day.ToString("d MMM", culture))}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width - Right}\" y=\"{Height - 8}\" text-anchor=\"end\" font-size=\"12\" fill=\"#333\">{WebUtility.HtmlEncode(points[^1].Day.ToString("d MMM", culture))}</text>");
        }

        svg.Append("</svg>");
        return svg.ToString();
    }
}
