// One source of truth: for every error case, the compiler (TypeScript 6.0's API, as an editor
// runs it) reports at the `options` argument exactly the words the runtime throws.
import { describe, expect, it } from 'vitest';
import { conv2dOutputShape, type Conv2dOptions } from 'shapecheck';
import { compileSnippet } from '../scripts/virtual-program.mjs';
import { conv2dErrorCases, conv2dShapeCases } from './cases/conv2d.cases.js';

function compile(calls: readonly string[]): { line: number; column: number; message: string }[] {
  return compileSnippet([`import { conv2dOutputShape } from 'shapecheck';`, ...calls].join('\n')).diagnostics;
}

const call = (input: readonly number[], options: object): string => `conv2dOutputShape(${JSON.stringify(input)}, ${JSON.stringify(options)});`;

describe('the compiler and the runtime say the same words', () => {
  const diagnostics = compile([...conv2dErrorCases.map((c) => call(c.input, c.options)), ...conv2dShapeCases.map((c) => call(c.input, c.options))]);

  it.each(conv2dErrorCases.map((c, i) => [c.name, i, c] as const))('%s', (_name, index, testCase) => {
    const line = index + 1;
    const here = diagnostics.filter((d) => d.line === line);
    expect(here).toHaveLength(1);
    // reported at the options argument: after the input shape literal
    expect(here[0]!.column).toBe(`conv2dOutputShape(${JSON.stringify(testCase.input)}, `.length);
    expect(here[0]!.message).toContain(`parameter of type '"${testCase.message}"'`);
    // and the runtime throws exactly that text
    const run = (): unknown => (conv2dOutputShape as (i: readonly number[], o: Conv2dOptions) => unknown)(testCase.input, testCase.options as Conv2dOptions);
    expect(run).toThrow(testCase.message);
  });

  it('reports nothing for the configurations torch accepts', () => {
    expect(diagnostics.filter((d) => d.line > conv2dErrorCases.length)).toEqual([]);
  });
});
