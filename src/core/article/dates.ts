// Date parsing for government and news pages. Output is ISO 8601 *local* time, as precise as the
// page says and no more: `2024-05-23`, `2024-05-23T08:54`, `2024-05-23T08:54:00`, and a zone only
// when the source string carries one (`2019-09-05T11:10:00+08:00`).

const pad2 = (n: number): string => String(n).padStart(2, '0');

function validDay(year: number, month: number, day: number): boolean {
  return year >= 1980 && year <= 2100 && month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

/**
 * Numeric dates as Chinese sites write them: `2024-05-23 08:54`, `2024/7/5`, `2024.05.23`,
 * `2020年08月02日 10时30分`, the TRS `2007-08-20-23:59:59`, ISO with `T` and an optional zone.
 * Groups: year, month, day, hour, minute, second, zone.
 */
const NUMERIC_DATE =
  /(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:(?:\s+|T|-|日?\s*)(\d{1,2})\s*[:：时時]\s*(\d{2})(?:\s*[:：分]\s*(\d{2})(?:\.\d+)?)?\s*秒?\s*(Z|[+-]\d{2}:?\d{2})?)?/;

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

/** English dates of HK/Macao press releases: `Tuesday, June 21, 2022` or `21 June 2022`. */
const ENGLISH_DATE_MDY = /\b([A-Z][a-z]{2,8})\.?\s+(\d{1,2}),\s*(\d{4})\b/;
const ENGLISH_DATE_DMY = /\b(\d{1,2})\s+([A-Z][a-z]{2,8})\.?,?\s+(\d{4})\b/;
/** The GIA trailer: `Issued at HKT 20:16`. */
const ISSUED_AT = /Issued at\s+(?:HKT|MST)?\s*(\d{1,2}):(\d{2})/i;

function formatIso(
  year: number,
  month: number,
  day: number,
  hour?: number,
  minute?: number,
  second?: number,
  zone?: string,
): string {
  let iso = `${year}-${pad2(month)}-${pad2(day)}`;
  if (hour !== undefined && minute !== undefined && hour < 24 && minute < 60) {
    iso += `T${pad2(hour)}:${pad2(minute)}`;
    if (second !== undefined && second < 60) iso += `:${pad2(second)}`;
    if (zone)
      iso += zone === 'Z' ? 'Z' : zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone;
  }
  return iso;
}

const toInt = (s: string | undefined): number | undefined =>
  s === undefined ? undefined : Number(s);

/** Finds the first date in `text` and returns it as ISO 8601, or null. */
export function parseDate(text: string): string | null {
  const m = NUMERIC_DATE.exec(text);
  if (m) {
    const year = Number(m[1]);
    const month = Number(m[2]);
    const day = Number(m[3]);
    if (validDay(year, month, day)) {
      return formatIso(year, month, day, toInt(m[4]), toInt(m[5]), toInt(m[6]), m[7]);
    }
  }
  return parseEnglishDate(text);
}

function parseEnglishDate(text: string): string | null {
  let year: number | undefined;
  let month: number | undefined;
  let day: number | undefined;
  const mdy = ENGLISH_DATE_MDY.exec(text);
  if (mdy) {
    month = MONTHS[(mdy[1] ?? '').slice(0, 3).toLowerCase()];
    day = Number(mdy[2]);
    year = Number(mdy[3]);
  }
  if (month === undefined) {
    const dmy = ENGLISH_DATE_DMY.exec(text);
    if (dmy) {
      month = MONTHS[(dmy[2] ?? '').slice(0, 3).toLowerCase()];
      day = Number(dmy[1]);
      year = Number(dmy[3]);
    }
  }
  if (month === undefined || year === undefined || day === undefined || !validDay(year, month, day))
    return null;
  const issued = ISSUED_AT.exec(text);
  return formatIso(year, month, day, toInt(issued?.[1]), toInt(issued?.[2]));
}

/** True when `text` contains something `parseDate` would read as a numeric date. */
export function hasNumericDate(text: string): boolean {
  return NUMERIC_DATE.test(text);
}

/** The calendar day of an ISO string (`2024-05-23T08:54` -> `2024-05-23`). */
export function isoDay(iso: string): string {
  return iso.slice(0, 10);
}
