import { describe, expect, it } from 'vitest';
import { agendaFileName, errorOf, filePath, parseAgendaFile, titleOfDocument } from '../../../client/src/lib/agenda-io.ts';

describe('import problems', () => {
  it('are shown at their place in the file, not in the request body', () => {
    expect(filePath('/agenda/activities/3/options/1/id')).toBe('/activities/3/options/1/id');
    expect(filePath('/agenda/version')).toBe('/version');
    expect(filePath('/agenda')).toBe('/');
    expect(filePath('/title')).toBe('/title');
  });

  it('come from the error body, every one of them, with the code and message', () => {
    const body = {
      error: {
        code: 'VALIDATION_FAILED',
        message: 'La agenda tiene 2 problema(s).',
        details: [
          { path: '/agenda/activities/3/options/1/id', message: 'El id «nada» se repite.' },
          { path: '/agenda/version', message: 'Esta versión de Plenario lee la versión 1 del formato.' },
          { path: 42, message: 'malformed, left out' },
        ],
      },
    };
    expect(errorOf(400, body)).toEqual({
      code: 'VALIDATION_FAILED',
      message: 'La agenda tiene 2 problema(s).',
      problems: [
        { path: '/activities/3/options/1/id', message: 'El id «nada» se repite.' },
        { path: '/version', message: 'Esta versión de Plenario lee la versión 1 del formato.' },
      ],
    });
  });

  it('fall back to a code from the status when the body is not ours', () => {
    expect(errorOf(404, 'Not Found')).toEqual({ code: 'NOT_FOUND', message: null, problems: [] });
    expect(errorOf(502, null)).toEqual({ code: 'INTERNAL', message: null, problems: [] });
    expect(errorOf(400, { error: { code: 'SOMETHING_NEW', message: 'x' } }).code).toBe('INTERNAL');
  });
});

describe('agenda files', () => {
  it('are read as JSON, and a file that is not JSON says so', () => {
    expect(parseAgendaFile('{"format":"plenario-agenda"}')).toEqual({ ok: true, value: { format: 'plenario-agenda' } });
    expect(parseAgendaFile('{format:')).toEqual({ ok: false });
  });

  it('propose their own title for the new session when it is usable', () => {
    expect(titleOfDocument({ title: '  Sesión 2  ' }, 120)).toBe('Sesión 2');
    expect(titleOfDocument({ title: '' }, 120)).toBeNull();
    expect(titleOfDocument({ title: 'x'.repeat(121) }, 120)).toBeNull();
    expect(titleOfDocument({ title: 3 }, 120)).toBeNull();
    expect(titleOfDocument(null, 120)).toBeNull();
  });

  it('are named after the session, without accents or symbols', () => {
    expect(agendaFileName('Gestión del Bien-Estar — Sesión 2')).toBe('agenda-gestion-del-bien-estar-sesion-2.json');
    expect(agendaFileName('¿?')).toBe('agenda-plenario.json');
    expect(agendaFileName('a'.repeat(100))).toBe(`agenda-${'a'.repeat(60)}.json`);
  });
});
