import type { Activity, Template } from '../../shared/types.ts';

/** A session's agenda from a template: the same activities, each with a fresh id. */
export function instantiateTemplate(template: Template, newId: () => string): Activity[] {
  return template.activities.map((activity) => ({ ...activity, id: newId() }) as Activity);
}
