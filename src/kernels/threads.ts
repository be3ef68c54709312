/**
 * Worker threads for the WebAssembly kernels (Node's `worker_threads`): each worker instantiates
 * the same module on the same shared `WebAssembly.Memory`, and waits on a slot of a shared
 * control block; the calling thread writes a task into the slots, takes the first share of the
 * work itself, then waits for the others with `Atomics.wait`. Workers are `unref`'d, so they
 * never keep the process alive.
 *
 * Protocol per slot (Int32, 64 entries): [0] task number (the caller increments it; −1 stops the
 * worker), [1] number of the last task done, [2] status of that task (0 ok, 1 failed), [3] 1 once
 * the worker runs (2 if it could not start), [4..5] the worker's range, [8..] the task's arguments; the runner gets the
 * thread's index (0 for the calling thread) to pick its own scratch memory. A worker waits while
 * [0] equals the last task it saw, so a task written before it starts is never missed; the caller
 * waits while [1] differs from its task number, rereading before each wait.
 *
 * @packageDocumentation
 */

/** Slot length in Int32 entries. */
export const SLOT = 64;
/** Offset of a task's arguments in a slot. */
export const ARGS = 8;
const STARTUP_TIMEOUT_MS = 10_000;

/** The part of `node:worker_threads` used here. */
interface WorkerLike {
  unref(): void;
  terminate(): Promise<number>;
}
interface WorkerThreads {
  Worker: new (code: string, options: { eval: true; workerData: unknown }) => WorkerLike;
}

/** What every thread runs for its range; `runTask` is stringified into the worker's code. */
export type TaskRunner = (exports: object, args: Int32Array, start: number, end: number, thread: number) => void;

/** A started pool of `size` workers (the calling thread is one more). */
export interface Pool {
  readonly size: number;
  /** Runs `task` with `args` over `ranges` (ranges[0] on the calling thread), and waits. */
  run(exports: object, args: Int32Array, ranges: readonly (readonly [number, number])[], runTask: TaskRunner): void;
  terminate(): void;
}

function nodeWorkerThreads(): WorkerThreads | null {
  const node = (globalThis as { process?: { getBuiltinModule?: (name: string) => unknown } }).process;
  return (node?.getBuiltinModule?.('node:worker_threads') as WorkerThreads | undefined) ?? null;
}

/** Whether this platform can run worker threads for the kernels (Node with `worker_threads`). */
export function threadsAvailable(): boolean {
  return nodeWorkerThreads() !== null && typeof SharedArrayBuffer !== 'undefined';
}

/** The number of cores, as the default thread count (1 where threads are unavailable). */
export function defaultThreadCount(): number {
  if (!threadsAvailable()) return 1;
  const os = (globalThis as { process?: { getBuiltinModule?: (name: string) => unknown } }).process?.getBuiltinModule?.('node:os') as
    | { availableParallelism?: () => number; cpus: () => unknown[] }
    | undefined;
  return Math.max(1, os?.availableParallelism?.() ?? os?.cpus().length ?? 1);
}

/**
 * Starts `size` workers on `module` and the shared `memory`, and waits until each runs.
 *
 * @throws {Error} when worker threads are unavailable or do not start within 10 s.
 */
export function startPool(size: number, module: object, memory: object, runTask: TaskRunner): Pool {
  const threads = nodeWorkerThreads();
  if (!threads || typeof SharedArrayBuffer === 'undefined') {
    throw new Error('setNumThreads: worker threads are unavailable here (they need Node worker_threads and SharedArrayBuffer)');
  }
  const control = new Int32Array(new SharedArrayBuffer(SLOT * 4 * size));
  // valid as a script and as a module (a parent started with --input-type=module passes that on)
  const code = `
    const { workerData } = process.getBuiltinModule('node:worker_threads');
    const { module, memory, control, slot } = workerData;
    const ctl = new Int32Array(control);
    const base = slot * ${SLOT};
    let exports;
    try {
      exports = new WebAssembly.Instance(module, { env: { memory } }).exports;
      Atomics.store(ctl, base + 3, 1);
    } catch {
      Atomics.store(ctl, base + 3, 2);
    }
    Atomics.notify(ctl, base + 3);
    const runTask = ${runTask.toString()};
    let seen = 0;
    while (exports) {
      Atomics.wait(ctl, base, seen);
      const task = Atomics.load(ctl, base);
      if (task === seen) continue;
      if (task < 0) break;
      seen = task;
      let status = 0;
      try {
        runTask(exports, ctl.subarray(base + ${ARGS}, base + ${SLOT}), ctl[base + 4], ctl[base + 5], slot + 1);
      } catch {
        status = 1;
      }
      Atomics.store(ctl, base + 2, status);
      Atomics.store(ctl, base + 1, task);
      Atomics.notify(ctl, base + 1);
    }
  `;
  const workers: WorkerLike[] = [];
  const stopAll = (): void => {
    for (let slot = 0; slot < workers.length; slot++) {
      Atomics.store(control, slot * SLOT, -1);
      Atomics.notify(control, slot * SLOT);
    }
    for (const worker of workers) void worker.terminate();
  };
  try {
    for (let slot = 0; slot < size; slot++) {
      const worker = new threads.Worker(code, { eval: true, workerData: { module, memory, control: control.buffer, slot } });
      worker.unref();
      workers.push(worker);
    }
  } catch (error) {
    stopAll();
    throw new Error(`setNumThreads: could not start worker threads: ${(error as Error).message}`);
  }
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  for (let slot = 0; slot < size; slot++) {
    while (Atomics.load(control, slot * SLOT + 3) !== 1) {
      if (Atomics.load(control, slot * SLOT + 3) === 2) {
        stopAll();
        throw new Error('setNumThreads: a worker thread could not instantiate the WebAssembly kernels');
      }
      const left = deadline - Date.now();
      if (left <= 0) {
        stopAll();
        throw new Error(`setNumThreads: worker threads did not start within ${STARTUP_TIMEOUT_MS / 1000} s`);
      }
      Atomics.wait(control, slot * SLOT + 3, 0, left);
    }
  }
  let task = 0;
  return {
    size,
    run(exports, args, ranges, runTask) {
      task++;
      const used = ranges.length - 1;
      for (let slot = 0; slot < used; slot++) {
        const base = slot * SLOT;
        control.set(args.subarray(0, SLOT - ARGS), base + ARGS);
        control[base + 4] = ranges[slot + 1]![0];
        control[base + 5] = ranges[slot + 1]![1];
        Atomics.store(control, base, task);
        Atomics.notify(control, base);
      }
      let failure: unknown;
      try {
        runTask(exports, args, ranges[0]![0], ranges[0]![1], 0);
      } catch (error) {
        failure = error;
      }
      let failed = false;
      for (let slot = 0; slot < used; slot++) {
        const base = slot * SLOT;
        for (let done = Atomics.load(control, base + 1); done !== task; done = Atomics.load(control, base + 1)) {
          Atomics.wait(control, base + 1, done);
        }
        failed ||= Atomics.load(control, base + 2) !== 0;
      }
      if (failure) throw failure;
      if (failed) throw new Error('a worker thread failed while running a kernel');
    },
    terminate: stopAll,
  };
}
