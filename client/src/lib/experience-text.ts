/** How a card's figures read: a reach with the locale's thousands ("1.332 personas"), a month and year. */
import type { ExperienceCardInput } from '../../../shared/experience.ts';

export function reachText(reach: NonNullable<ExperienceCardInput['reach']>, locale: string): string {
  return `${new Intl.NumberFormat(locale).format(reach.count)} ${reach.unit}`;
}

export function sinceText(since: NonNullable<ExperienceCardInput['since']>, locale: string): string {
  if (since.month === null) return String(since.year);
  return new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    Date.UTC(since.year, since.month - 1, 1),
  );
}

/** The months' names, January first, for the form's select. */
export function monthNames(locale: string): string[] {
  const format = new Intl.DateTimeFormat(locale, { month: 'long', timeZone: 'UTC' });
  return Array.from({ length: 12 }, (_, i) => format.format(Date.UTC(2000, i, 1)));
}
