// formatTensor against what PyTorch printed for the same float32 tensors.
// Fixtures: test/fixtures/format.json, from /usr/bin/python3 scripts/gen_format_fixtures.py.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatTensor } from '../src/tensor/format.js';

interface FormatCase {
  name: string;
  shape: number[];
  /** float32 elements as exact numbers; nan and infinities as "NaN", "Infinity", "-Infinity" */
  data: (number | string)[];
  printed: string;
}

const fixtures = JSON.parse(readFileSync(new URL('./fixtures/format.json', import.meta.url), 'utf8')) as {
  torch: string;
  cases: FormatCase[];
};

describe(`formatTensor matches str(tensor) of PyTorch ${fixtures.torch}`, () => {
  it.each(fixtures.cases.map((c) => [`${c.name} [${c.shape.join(', ')}]`, c] as const))('%s', (_name, c) => {
    const data = new Float32Array(c.data.map((value) => (typeof value === 'string' ? Number(value) : value)));
    expect(formatTensor(data, c.shape)).toBe(c.printed);
  });
});
