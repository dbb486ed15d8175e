using CoFundMarket.Domain.Common;
using CoFundMarket.Gateway.Errors;
using Google.Protobuf.WellKnownTypes;
using V1 = CoFundMarket.Api.V1;

namespace CoFundMarket.Gateway.Api;

/// <summary>Messages ⇄ domain values shared by every service: money, dates, times, ids.</summary>
public static class CommonMapping
{
    /// <summary>The longest <c>request_id</c> accepted (API.md).</summary>
    public const int MaxRequestIdLength = 128;

    /// <summary>A required amount: GBP only, not negative, at most 10^12 pence (INVALID_ARGUMENT naming the field otherwise).</summary>
    public static Money ToDomain(this V1.Money? money, string field) =>
        money is null
            ? throw ApiErrors.InvalidArgument(field, $"{field} is required (currency_code \"GBP\" and minor_units in pence).")
            : Money.From(money.CurrencyCode, money.MinorUnits, field);

    /// <summary>An optional amount: unset or zero is none.</summary>
    public static Money? ToOptionalDomain(this V1.Money? money, string field) =>
        money is null || (money.MinorUnits == 0 && money.CurrencyCode.Length == 0) ? null : money.ToDomain(field);

    /// <summary>The amount as a message.</summary>
    public static V1.Money ToApi(this Money money) => new() { CurrencyCode = money.Currency, MinorUnits = money.MinorUnits };

    /// <summary>A required calendar date.</summary>
    public static DateOnly ToDomain(this V1.Date? date, string field)
    {
        if (date is null)
        {
            throw ApiErrors.InvalidArgument(field, $"{field} is required (year, month, day).");
        }

        return date.Year is >= 2000 and <= 2999 && date.Month is >= 1 and <= 12 && date.Day >= 1 && date.Day <= DateTime.DaysInMonth(date.Year, date.Month)
            ? new DateOnly(date.Year, date.Month, date.Day)
            : throw ApiErrors.InvalidArgument(field, $"{field} {date.Year:D4}-{date.Month:D2}-{date.Day:D2} is not a calendar date between the years 2000 and 2999.");
    }

    /// <summary>The date as a message.</summary>
    public static V1.Date ToApi(this DateOnly date) => new() { Year = date.Year, Month = date.Month, Day = date.Day };

    /// <summary>An instant as a message.</summary>
    public static Timestamp ToApi(this DateTimeOffset time) => Timestamp.FromDateTimeOffset(time);

    /// <summary>An id a client chose (request_id): 1–128 letters, digits or <c>-_.:</c>; empty when optional and not given.</summary>
    public static string RequestId(string requestId, bool required)
    {
        if (requestId.Length == 0)
        {
            return required ? throw ApiErrors.InvalidArgument("request_id", "request_id is required: it is the idempotency key of this request.") : "";
        }

        return requestId.Length > MaxRequestIdLength
            ? throw ApiErrors.InvalidArgument("request_id", $"request_id is {requestId.Length} characters; at most {MaxRequestIdLength} are allowed.")
            : Validate.ClientId(requestId, "request_id");
    }

    /// <summary>A project or pledge id from a request: checked before any grain is addressed with it.</summary>
    public static string EntityId(string id, string field) => Validate.ClientId(id, field);

    /// <summary>An ODS code from a request.</summary>
    public static string OdsCode(string code, string field) => Validate.OdsCode(code, field);

    /// <summary>An optional ODS code filter: empty is none.</summary>
    public static string? OptionalOdsCode(string code, string field) => code.Length == 0 ? null : Validate.OdsCode(code, field);

    /// <summary>A proto enum value the client may have set to a number this server does not know.</summary>
    public static TEnum Defined<TEnum>(TEnum value, string field)
        where TEnum : struct, System.Enum =>
        System.Enum.IsDefined(value) ? value : throw ApiErrors.InvalidArgument(field, $"{field} has the unknown value {Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture)}.");
}
