import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

// What the command-line tool loads before any work: the bundle's files that bin/jp-audit.js and
// the training worker threads import statically (`npm test` builds the bundle first).
const BUNDLE = join(ROOT, 'dist', 'bundle');

function closure(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const text = readFileSync(file, 'utf8');
  for (const m of text.matchAll(/^import\s+(?:[^'"]*?\s+from\s+)?["'](\.{1,2}\/[^"']+|[^"'.][^"']*)["']/gm)) {
    const spec = m[1]!;
    if (spec.startsWith('.')) closure(join(dirname(file), spec), seen);
    else seen.add(spec);
  }
  return seen;
}

describe('start-up', () => {
  it.each(['early.js', 'cli.js', 'engine/fast/parallel/worker.js'])('%s loads no Zod, exceljs, yaml or iconv-lite before it is needed', (entry) => {
    const files = [...closure(join(BUNDLE, entry))];
    for (const pkg of ['exceljs', 'yaml', 'iconv-lite', 'zod']) expect(files).not.toContain(pkg);
    // Zod is bundled: its code is in a chunk that only a dynamic import reaches.
    for (const f of files.filter((x) => x.startsWith('/'))) expect(readFileSync(f, 'utf8')).not.toContain('ZodType');
    const bytes = files.filter((x) => x.startsWith('/')).reduce((a, f) => a + statSync(f).size, 0);
    // Both languages' catalogues and help texts load at start-up: every finding code's label and
    // the help of explain and diff added some 3 KB to them.
    expect(bytes).toBeLessThan(600_000);
  });

  it("Zod's chunk holds what the tool uses, not all of Zod (named imports, not the z namespace)", () => {
    const zod = readdirSync(BUNDLE).filter((f) => f.endsWith('.js') && readFileSync(join(BUNDLE, f), 'utf8').includes('ZodType'));
    expect(zod).toHaveLength(1);
    const text = readFileSync(join(BUNDLE, zod[0]!), 'utf8');
    // `import { z } from 'zod'` brought every locale (Dutch's among them) and more: 756 KB, 55 ms
    // to load here.
    expect(text).not.toContain('Ongeldige invoer');
    expect(statSync(join(BUNDLE, zod[0]!)).size).toBeLessThan(300_000);
    // English messages stay: configuration errors fall back to them.
    expect(text).toContain('Invalid input: expected');
  });

  it('the bundle still holds Zod, for the rows and configuration files that need it', () => {
    // Loaded by a dynamic import from what cli.js loads at start (itself, or a chunk it shares with the commands loaded later).
    const all = [...closure(join(BUNDLE, 'cli.js'))].filter((f) => f.startsWith('/')).map((f) => readFileSync(f, 'utf8')).join('\n');
    expect(all).toMatch(/import\(".\/(rows|chunk)-[A-Z0-9]+\.js"\)|import\("\.\/config-schema-[A-Z0-9]+\.js"\)/);
  });
});
