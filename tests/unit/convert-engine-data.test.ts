// The shape of the engine's generated data: what the extension bundles and how it is written.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createConverter } from '../../src/core/convert/engine';

const GENERATED = path.resolve(
  import.meta.dirname,
  '..',
  '..',
  'src',
  'core',
  'convert',
  'generated',
);

describe('generated dictionaries', () => {
  it('are plain ASCII, which browsers and Node load fastest', () => {
    for (const file of ['index.ts', 'extended.ts']) {
      const source = readFileSync(path.join(GENERATED, file), 'utf8');
      expect(source.length).toBeGreaterThan(1000);
      expect(/^[\x20-\x7e\n]*$/.test(source), file).toBe(true);
    }
  });

  it('bundle only the directions the extension uses; the others come with engine-extended', () => {
    // This file imports engine.ts alone.
    expect(createConverter('cn', 'tw')('头发干燥')).toBe('頭髮乾燥');
    expect(createConverter('hk', 'cn')('頭髮乾燥')).toBe('头发干燥');
    expect(() => createConverter('cn', 'twp')).toThrow(/Unsupported conversion cn -> twp/);
    expect(() => createConverter('jp', 't')).toThrow(/Unsupported conversion/);
    const product = readFileSync(path.join(GENERATED, 'index.ts'), 'utf8');
    expect(product).not.toContain('TWPhrases');
    expect(product).not.toContain('JPShinjitai');
  });
});
