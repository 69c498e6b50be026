import { vi } from 'vitest';

// The ui project runs in Node: give the state models the few browser globals they touch.
class MemoryStorage {
  #items = new Map<string, string>();
  get length() {
    return this.#items.size;
  }
  clear() {
    this.#items.clear();
  }
  getItem(key: string) {
    return this.#items.get(key) ?? null;
  }
  key(i: number) {
    return [...this.#items.keys()][i] ?? null;
  }
  removeItem(key: string) {
    this.#items.delete(key);
  }
  setItem(key: string, value: string) {
    this.#items.set(key, String(value));
  }
}

const g = globalThis as Record<string, unknown>;
g.localStorage ??= new MemoryStorage();
g.sessionStorage ??= new MemoryStorage();
g.addEventListener ??= () => {};

// CLOCK_AT moves the whole test run to another moment (as it does the Worker's
// clock): Date starts there and runs on in real time; timers stay real.
if (process.env.CLOCK_AT) {
  vi.useFakeTimers({ now: Date.parse(process.env.CLOCK_AT), toFake: ['Date'], shouldAdvanceTime: true });
}
