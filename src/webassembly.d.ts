// The few WebAssembly globals the training kernel uses (src/engine/fast/kernel.ts). Node has them;
// @types/node 20 does not declare them, and the DOM library would bring much else.
declare namespace WebAssembly {
  class Module {
    constructor(bytes: Uint8Array);
  }
  class Instance {
    constructor(module: Module, imports: object);
    readonly exports: Record<string, unknown>;
  }
  class Memory {
    readonly buffer: ArrayBuffer;
    grow(pages: number): number;
  }
  class Global {
    value: unknown;
  }
}
