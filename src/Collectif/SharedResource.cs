namespace Collectif;

/// <summary>
/// Marker for the UI strings. Keys are the English text; French lives in
/// <c>Resources/SharedResource.fr.resx</c>. A missing French entry shows the English text,
/// and a test lists every key used in the code that has no French translation.
/// </summary>
#pragma warning disable CA1052 // a marker type for IStringLocalizer<T>; never instantiated
public sealed class SharedResource
#pragma warning restore CA1052
{
    private SharedResource()
    {
    }
}
