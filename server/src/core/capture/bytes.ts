// A bounds-checked view over a Uint8Array with a chosen byte order: every read past the end is
// a CaptureError naming what was being read, never a RangeError from deep inside DataView.
import { CaptureError } from './types';

export class Bytes {
  private readonly view: DataView;

  constructor(
    readonly data: Uint8Array,
    public littleEndian = false,
  ) {
    this.view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  }

  get length(): number {
    return this.data.length;
  }

  /** Throws unless `n` bytes from `offset` are there. */
  need(offset: number, n: number, what: string): void {
    if (offset < 0 || n < 0 || offset + n > this.data.length) {
      const left = Math.max(0, this.data.length - offset);
      throw new CaptureError(`the file is cut short: ${what} at byte ${offset} needs ${n} bytes, only ${left} left`);
    }
  }

  u8(offset: number, what = 'field'): number {
    this.need(offset, 1, what);
    return this.view.getUint8(offset);
  }

  u16(offset: number, what = 'field'): number {
    this.need(offset, 2, what);
    return this.view.getUint16(offset, this.littleEndian);
  }

  u32(offset: number, what = 'field'): number {
    this.need(offset, 4, what);
    return this.view.getUint32(offset, this.littleEndian);
  }

  slice(offset: number, n: number, what = 'data'): Uint8Array {
    this.need(offset, n, what);
    return this.data.subarray(offset, offset + n);
  }
}

/** Network byte order (big-endian) reads for protocol headers, which never depend on the file's order. */
export const be16 = (d: Uint8Array, o: number): number => (d[o] << 8) | d[o + 1];
export const be32 = (d: Uint8Array, o: number): number => ((d[o] << 24) | (d[o + 1] << 16) | (d[o + 2] << 8) | d[o + 3]) >>> 0;

export const hex32 = (n: number): string => '0x' + (n >>> 0).toString(16).padStart(8, '0');
