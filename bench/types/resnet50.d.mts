/** ResNet-50's stages (blocks per stage, planes, stride). */
export declare const STAGES: readonly { blocks: number; planes: number; stride: number }[];
/** The source of the typed ResNet-50 model (see resnet50.mjs), importing shapecheck from `importPath`. */
export declare function resnet50Source(
  importPath: string,
  options?: { broken?: boolean; blocks?: number[]; symbolic?: boolean },
): { text: string; convs: number; modelLine: number; lastLine: number; editLine: number; brokenLine?: number; expected: string; traceLength: number };
/** The source of a 500-layer chain on symbolic H and W (see resnet50.mjs), importing shapecheck from `importPath`. */
export declare function symbolicChainSource(importPath: string, layers?: number): { text: string; layers: number; last: string };
