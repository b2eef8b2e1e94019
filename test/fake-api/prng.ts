/**
 * Seeded pseudo-random numbers for the fake data set. Never Math.random: two servers started
 * with the same seed and `now` must serve byte-identical data.
 */

/** FNV-1a, 32 bit: turns labels into seeds so that independent streams stay stable. */
export function hashString(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** mulberry32: small, fast and good enough for test data. */
export class Prng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0 || 0x9e3779b9;
  }

  /** A new independent stream derived from this one's seed and a label. */
  static derive(seed: number, label: string | number): Prng {
    return new Prng(hashString(String(label), seed >>> 0));
  }

  /** Uniform in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Picks by weight: `[[value, weight], ...]`. */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((sum, [, w]) => sum + w, 0);
    let roll = this.next() * total;
    for (const [value, weight] of items) {
      roll -= weight;
      if (roll < 0) {
        return value;
      }
    }
    return items[items.length - 1][0];
  }

  /** `length` lower-case hex digits, 8 per draw (uuids for 100 000 entries must be cheap). */
  hex(length: number): string {
    let out = '';
    while (out.length < length) {
      out += Math.floor(this.next() * 4294967296)
        .toString(16)
        .padStart(8, '0');
    }
    return out.slice(0, length);
  }

  /** Upper-case letters and digits, like Slack ids (`Fn0A1B2C3D`). */
  alnum(length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) {
      out += UPPER_ALNUM[Math.floor(this.next() * UPPER_ALNUM.length)];
    }
    return out;
  }

  /** A version-4 shaped UUID. */
  uuid(): string {
    const hex = this.hex(32);
    const variant = '89ab'[parseInt(hex[16], 16) & 3];
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }
}
