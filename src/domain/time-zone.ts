export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** The calendar year of an instant as seen in a zone (a request opened at 00:30 on 1 January in Beijing is next year's). */
export function yearIn(timeZone: string, instant: Date): number {
  return Number(new Intl.DateTimeFormat('en', { timeZone, year: 'numeric' }).format(instant));
}
