// Deadlines are calendar dates that end at the end of their day in Europe/London (DOMAIN.md); "today" is London's.
import { create } from "@bufbuild/protobuf";
import { type Date as ApiDate, DateSchema } from "../gen/cofund/v1/common_pb.js";
import type { Timestamp } from "@bufbuild/protobuf/wkt";

const dayMonthYear = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
const dateTime = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit", timeZone: "Europe/London" });
const londonParts = new Intl.DateTimeFormat("en-GB", { year: "numeric", month: "numeric", day: "numeric", timeZone: "Europe/London" });

/** Today's date in London. */
export function todayInLondon(now: Date = new Date()): ApiDate {
  const parts = Object.fromEntries(londonParts.formatToParts(now).map((p) => [p.type, p.value]));
  return create(DateSchema, { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day) });
}

/** "31 March 2027". */
export function formatDate(date: ApiDate | undefined): string {
  return date ? dayMonthYear.format(Date.UTC(date.year, date.month - 1, date.day)) : "";
}

/** "4 Nov 2026, 14:05:09" in London time. */
export function formatTimestamp(timestamp: Timestamp | undefined): string {
  return timestamp ? dateTime.format(new Date(Number(timestamp.seconds) * 1000)) : "";
}

/** Whole days from today (London) to the deadline: 0 on its last day, negative once it has passed. */
export function daysLeft(deadline: ApiDate | undefined, now: Date = new Date()): number {
  if (!deadline) {
    return 0;
  }
  const today = todayInLondon(now);
  return Math.round((Date.UTC(deadline.year, deadline.month - 1, deadline.day) - Date.UTC(today.year, today.month - 1, today.day)) / 86_400_000);
}

/** "12 days left", "Ends today", "Ended". */
export function describeDaysLeft(days: number): string {
  return days > 1 ? `${days} days left` : days === 1 ? "1 day left" : days === 0 ? "Ends today" : "Deadline passed";
}

/** The NHS financial year (1 April – 31 March) a date falls in, written "2026/27". */
export function financialYearOf(date: ApiDate): string {
  const start = date.month >= 4 ? date.year : date.year - 1;
  return `${start}/${String((start + 1) % 100).padStart(2, "0")}`;
}

/** Reads day, month and year fields into a date, or undefined when they do not make a real date. */
export function parseDate(day: string, month: string, year: string): ApiDate | undefined {
  const [d, m, y] = [Number(day), Number(month), Number(year)];
  if (!Number.isInteger(d) || !Number.isInteger(m) || !Number.isInteger(y) || y < 2000 || y > 2100) {
    return undefined;
  }
  const check = new Date(Date.UTC(y, m - 1, d));
  return check.getUTCMonth() === m - 1 && check.getUTCDate() === d ? create(DateSchema, { year: y, month: m, day: d }) : undefined;
}
