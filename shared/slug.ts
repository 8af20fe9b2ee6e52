/** A title as a file-name part: lower-case ASCII, accents and symbols out ("Sesión 2" → "sesion-2"). */
export function slugify(title: string, max = 60): string {
  return title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/, '');
}
