using System.Globalization;
using System.Reflection;
using CoFundMarket.Api.V1;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;

namespace CoFundMarket.Cli.Output;

/// <summary>How values of the API read in tables: money in pounds, dates as ISO, enums by their short proto name.</summary>
internal static class Formats
{
    public static string Money(Money? money)
    {
        if (money is null)
        {
            return "";
        }

        // Integer arithmetic only: whole units and pence are separated, never divided into a fraction.
        var sign = money.MinorUnits < 0 ? "-" : "";
        var magnitude = Math.Abs(money.MinorUnits);
        var units = (magnitude / 100).ToString("N0", CultureInfo.InvariantCulture);
        var minor = (magnitude % 100).ToString("00", CultureInfo.InvariantCulture);
        return money.CurrencyCode == "GBP" ? $"{sign}£{units}.{minor}" : $"{sign}{units}.{minor} {money.CurrencyCode}";
    }

    public static string Date(Date? date) =>
        date is null ? "" : string.Create(CultureInfo.InvariantCulture, $"{date.Year:0000}-{date.Month:00}-{date.Day:00}");

    public static string Time(Timestamp? timestamp) =>
        timestamp is null ? "" : timestamp.ToDateTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string YesNo(bool value) => value ? "yes" : "no";

    /// <summary>Shortens free text to fit a table column.</summary>
    public static string Clip(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");

    /// <summary><c>PROJECT_STATUS_IN_DELIVERY</c> → <c>IN_DELIVERY</c>: the proto name without the enum's prefix.</summary>
    public static string Enum<T>(T value)
        where T : struct, System.Enum
    {
        var name = ProtoName(value);
        var prefix = ProtoPrefix<T>();
        return name.StartsWith(prefix, StringComparison.Ordinal) ? name[prefix.Length..] : name;
    }

    /// <summary>Reads an enum value by its short or full proto name, in any case (<c>open</c>, <c>PROJECT_STATUS_OPEN</c>).</summary>
    public static bool TryParseEnum<T>(string text, out T value)
        where T : struct, System.Enum
    {
        var prefix = ProtoPrefix<T>();
        var wanted = text.Trim().Replace('-', '_').ToUpperInvariant();
        foreach (var candidate in System.Enum.GetValues<T>())
        {
            var name = ProtoName(candidate);
            if (name != prefix + "UNSPECIFIED" && (name == wanted || name == prefix + wanted))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>The short names <see cref="TryParseEnum{T}"/> accepts, for error messages and help.</summary>
    public static string EnumChoices<T>()
        where T : struct, System.Enum =>
        string.Join(", ", System.Enum.GetValues<T>().Where(v => Convert.ToInt32(v, CultureInfo.InvariantCulture) != 0).Select(Enum));

    private static string ProtoName<T>(T value)
        where T : struct, System.Enum =>
        typeof(T).GetField(value.ToString())?.GetCustomAttribute<OriginalNameAttribute>()?.Name ?? value.ToString();

    private static string ProtoPrefix<T>()
        where T : struct, System.Enum
    {
        // Every enum of the API starts with <PREFIX>_UNSPECIFIED = 0 (buf lint STANDARD), which names the prefix.
        var zero = ProtoName(default(T));
        return zero.EndsWith("UNSPECIFIED", StringComparison.Ordinal) ? zero[..^"UNSPECIFIED".Length] : "";
    }
}
