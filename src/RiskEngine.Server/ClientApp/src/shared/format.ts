import type { Language } from "./dictionary";
import { language, t } from "./i18n";

// Times are shown in Beijing time whatever the display PC's own zone is set to: the regulator,
// its data and its staff all work in it.
const timeZone = "Asia/Shanghai";

interface Formatters {
  integer: Intl.NumberFormat;
  decimal: Intl.NumberFormat;
  time: Intl.DateTimeFormat;
  dateTime: Intl.DateTimeFormat;
  clockDate: Intl.DateTimeFormat;
}

// Built once per language: the wall formats numbers several times a second for days.
const cache = new Map<Language, Formatters>();

function formatters(): Formatters {
  const lang = language();
  let found = cache.get(lang);
  if (!found) {
    const locale = lang === "zh" ? "zh-CN" : "en-GB";
    found = {
      integer: new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }),
      decimal: new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
      time: new Intl.DateTimeFormat(locale, { timeZone, hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false }),
      dateTime: new Intl.DateTimeFormat(locale, {
        timeZone, month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hour12: false,
      }),
      clockDate: new Intl.DateTimeFormat(locale, { timeZone, year: "numeric", month: "2-digit", day: "2-digit", weekday: "short" }),
    };
    cache.set(lang, found);
  }
  return found;
}

export function formatInteger(value: number): string {
  return formatters().integer.format(value);
}

export function formatDecimal(value: number): string {
  return formatters().decimal.format(value);
}

function toDate(value: string | number | Date): Date | null {
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

export function formatTime(value: string | number | Date): string {
  const date = toDate(value);
  return date ? formatters().time.format(date) : "";
}

export function formatDateTime(value: string | number | Date): string {
  const date = toDate(value);
  return date ? formatters().dateTime.format(date) : "";
}

export function formatClockDate(value: Date): string {
  return formatters().clockDate.format(value);
}

/** "1小时5分" / "1 h 5 min": the two largest units are enough for a response time. */
export function formatDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds) || seconds < 0) return t("unit.none");
  const whole = Math.round(seconds);
  const days = Math.floor(whole / 86_400);
  const hours = Math.floor((whole % 86_400) / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const secs = whole % 60;
  const parts: string[] = [];
  if (days) parts.push(t("unit.days", { n: days }));
  if (hours) parts.push(t("unit.hours", { n: hours }));
  if (minutes) parts.push(t("unit.minutes", { n: minutes }));
  if (secs || parts.length === 0) parts.push(t("unit.seconds", { n: secs }));
  return parts.slice(0, 2).join(language() === "zh" ? "" : " ");
}

/** Milliseconds for a latency readout: "850 ms", "2.4 s", "3 min". */
export function formatLatency(milliseconds: number): string {
  if (milliseconds < 1000) return `${Math.max(0, Math.round(milliseconds))} ms`;
  if (milliseconds < 60_000) return `${(milliseconds / 1000).toFixed(1)} s`;
  return formatDuration(milliseconds / 1000);
}
