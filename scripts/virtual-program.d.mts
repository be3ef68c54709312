/** Compiles one in-memory TypeScript file inside this repo with the TypeScript 6.0 API. */
export declare function compileSnippet(source: string): {
  diagnostics: { line: number; column: number; message: string }[];
  /** The type of the top-level variable or type alias `name`, as hover shows it. */
  typeAt: (name: string) => string;
  /** The type instantiations the check took (deterministic for a given compiler and source). */
  instantiations: number;
};

/** Compiles many in-memory files in one TypeScript 6.0 program (each a module); per file, what `compileSnippet` gives but the instantiation count. */
export declare function compileSnippets(sources: readonly string[]): {
  diagnostics: { line: number; column: number; message: string }[];
  typeAt: (name: string) => string;
}[];
