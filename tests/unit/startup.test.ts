import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { announce, startupLine } from '../../server/startup.ts';

describe('the start-up line', () => {
  it('names where to open Plenario and where its data is', () => {
    const config = loadConfig({ DATA_DIR: '/srv/plenario' });
    expect(startupLine(config, 'http://0.0.0.0:3000')).toBe('Plenario escuchando en http://0.0.0.0:3000 · datos en /srv/plenario');
  });

  it("prefers the public address, and names the deployment's theme", () => {
    const config = loadConfig({ DATA_DIR: '/srv/plenario', PUBLIC_URL: 'https://plenario.example.cl/', THEME_NAME: 'Servicio Civil' });
    expect(startupLine(config, 'http://0.0.0.0:3000')).toBe(
      'Plenario (Servicio Civil) escuchando en https://plenario.example.cl · datos en /srv/plenario',
    );
  });

  it('is printed as plain text on a terminal only', () => {
    const written: string[] = [];
    announce('Plenario escuchando en x', { isTTY: true, write: (text: string) => written.push(text) });
    expect(written).toEqual(['\n  Plenario escuchando en x\n\n']);
    announce('Plenario escuchando en x', { isTTY: false, write: (text: string) => written.push(text) });
    announce('Plenario escuchando en x', { write: (text: string) => written.push(text) });
    expect(written).toHaveLength(1);
  });
});
