using Collectif.Features.Organizations;

namespace Collectif.Tests.Features.Organizations;

public class SeedListTests
{
    [Fact]
    public void Dump()
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", "seed-signatories.txt"));
        var parsed = SignatoryListParser.Parse(text);
        foreach (var p in parsed)
        {
            TestContext.Current.SendDiagnosticMessage(p.ToString());
            Console.WriteLine(p);
        }
        parsed.Count.ShouldBe(48);
    }
}
