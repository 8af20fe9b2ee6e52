import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Rollup } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * What a phone downloads before its question, read from a real build of the client (issue 20;
 * the bytes and times are the bench's, docs/performance.md): the page's two scripts and the live
 * view's chunk, which import only one another, and none of the facilitator's code.
 */

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
let outDir: string;
let chunks: Rollup.OutputChunk[];

beforeAll(async () => {
  // Written nowhere: the output stays in memory (the precompress step finds an empty folder).
  outDir = mkdtempSync(join(os.tmpdir(), 'plenario-phone-bundle-'));
  const output = (await build({
    configFile: join(repoRoot, 'vite.config.ts'),
    logLevel: 'silent',
    build: { write: false, outDir, emptyOutDir: false },
  })) as Rollup.RollupOutput;
  chunks = output.output.filter((file): file is Rollup.OutputChunk => file.type === 'chunk');
}, 120_000);

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

const source = (id: string) => id.replace(repoRoot, '').replace(/\\/g, '/');
const chunkWith = (module: string) => {
  const found = chunks.find((chunk) => chunk.moduleIds.some((id) => source(id) === module));
  if (!found) throw new Error(`No chunk holds ${module}`);
  return found;
};

describe("the phone's files before its question", () => {
  const phoneChunks = () => [
    chunkWith('client/src/early-check.ts'),
    chunkWith('client/index.html'),
    chunkWith('client/src/views/Participant.svelte'),
  ];

  it('are three: the early script, the app and the live view, each importing only the ones before it', () => {
    const [early, app, live] = phoneChunks();
    expect(new Set([early, app, live]).size).toBe(3);
    expect(early!.imports).toEqual([]);
    expect(app!.imports).toEqual([early!.fileName]);
    expect([...live!.imports].sort()).toEqual([early!.fileName, app!.fileName].sort());
  });

  it('hold neither TypeBox, Chart.js, the QR encoder nor a facilitator screen', () => {
    const modules = phoneChunks().flatMap((chunk) => chunk.moduleIds.map(source));
    const forbidden = [
      /node_modules\/typebox\//,
      /node_modules\/chart\.js\//,
      /node_modules\/qrcode/,
      /^shared\/schemas\.ts$/,
      /^client\/src\/views\/(Console|Presenter|AgendaEditor|Home|Accounts|AuditLog|Sessions|SessionDetail|SupportRegister|ExperienceCatalogue|SignIn)\.svelte$/,
    ];
    expect(modules.filter((id) => forbidden.some((pattern) => pattern.test(id)))).toEqual([]);
  });

  it('carry the common question kinds, and leave the others to load on demand (client/src/lib/phone-parts.svelte.ts)', () => {
    const modules = new Set(phoneChunks().flatMap((chunk) => chunk.moduleIds.map(source)));
    for (const common of ['ChoiceQuestion', 'RatingQuestion', 'ContentSlide', 'WaitingCard'])
      expect(modules.has(`client/src/components/${common}.svelte`), common).toBe(true);
    for (const onDemand of [
      'OpenQuestion',
      'RankingQuestion',
      'PointsQuestion',
      'QaQuestion',
      'ExperienceParticipant',
      'CommitmentParticipant',
      'BreakoutParticipant',
      'SynthesisParticipant',
    ])
      expect(modules.has(`client/src/components/${onDemand}.svelte`), onDemand).toBe(false);
  });
});
