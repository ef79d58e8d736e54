namespace Collectif.Features.Press;

/// <summary>Field lengths shared by the database, the forms and the CSV import.</summary>
public static class PressLimits
{
    public const int Name = 200;
    public const int Phone = 50;
    public const int Topics = 500;
    public const int Notes = 2000;
}
