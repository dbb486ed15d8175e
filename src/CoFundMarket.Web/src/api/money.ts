// Money is integer minor units (pence) with an explicit currency, as in the API: bigint all the way, never a float.
import { create } from "@bufbuild/protobuf";
import { type Money, MoneySchema } from "../gen/cofund/v1/common_pb.js";

const pounds = new Intl.NumberFormat("en-GB", { style: "currency", currency: "GBP", maximumFractionDigits: 0 });

/** "£1,234" or "£1,234.05" (pence only when there are some). */
export function formatMoney(money: Money | undefined): string {
  return formatPence(money?.minorUnits ?? 0n);
}

/** Formats an amount of pence as pounds. */
export function formatPence(pence: bigint): string {
  const negative = pence < 0n;
  const absolute = negative ? -pence : pence;
  const whole = pounds.format(absolute / 100n);
  const rest = absolute % 100n;
  const text = rest === 0n ? whole : `${whole}.${rest.toString().padStart(2, "0")}`;
  return negative ? `−${text}` : text;
}

/** GBP money of the given pence. */
export function gbp(pence: bigint): Money {
  return create(MoneySchema, { currencyCode: "GBP", minorUnits: pence });
}

/**
 * Reads what a person typed as pounds ("1500", "£1,500.50", "1 500") into pence, or undefined when it is not an
 * amount. Done on the text, digit by digit, so no binary fraction ever rounds a penny away.
 */
export function parsePounds(text: string): bigint | undefined {
  const cleaned = text.trim().replace(/^£/, "").replace(/[,\s]/g, "");
  const match = /^(\d{1,13})(?:\.(\d{1,2}))?$/.exec(cleaned);
  if (!match) {
    return undefined;
  }
  return BigInt(match[1]!) * 100n + BigInt((match[2] ?? "0").padEnd(2, "0"));
}

/** Pounds as a person would type them back into a form ("1500.5" → "1500.50"). */
export function penceToInput(money: Money | undefined): string {
  const pence = money?.minorUnits ?? 0n;
  const rest = pence % 100n;
  return rest === 0n ? (pence / 100n).toString() : `${pence / 100n}.${rest.toString().padStart(2, "0")}`;
}

/** Whole percent of part in total, rounded down, 0 when total is zero. */
export function percentOf(part: Money | undefined, total: Money | undefined): number {
  const whole = total?.minorUnits ?? 0n;
  return whole === 0n ? 0 : Number(((part?.minorUnits ?? 0n) * 100n) / whole);
}
