import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

describe('the source holds no way for a file to run code', () => {
  const files = sources('src').map((f) => [f, readFileSync(f, 'utf8')] as const);

  it.each([
    [/\beval\s*\(/, 'eval'],
    [/\bnew\s+Function\s*\(/, 'new Function'],
    [/child_process|\bexecSync\b|\bspawn\(/, 'shell or child processes'],
    [/\brequire\s*\(/, 'require'],
    [/\bimport\(\s*[^'"\s]/, 'import() of a computed name'],
    [/\bvm\.|node:vm/, 'the vm module'],
  ])('no %s (%s)', (pattern) => {
    const hits = files.filter(([, text]) => pattern.test(text)).map(([f]) => f);
    expect(hits).toEqual([]);
  });

  it('keys data from files with Map or null-prototype objects, never plain {} lookups by input', () => {
    // The one place that builds an object keyed by a field name uses Object.create(null).
    expect(readFileSync('src/ingest.ts', 'utf8')).toContain('Object.create(null)');
  });
});
