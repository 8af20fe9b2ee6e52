/** The five axes of the integral mental-health strategy (PRODUCT.md); ids are stable across sessions. */
export const AXES = [
  { id: 'liderazgo', label: 'Liderazgo y gobernanza' },
  { id: 'normativo', label: 'Desarrollo normativo' },
  { id: 'servicios', label: 'Prestación de servicios' },
  { id: 'promocion', label: 'Promoción y prevención' },
  { id: 'informacion', label: 'Fortalecimiento de los sistemas de información' },
] as const;

export type AxisId = (typeof AXES)[number]['id'];
