import Ajv from 'ajv';
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron-store', () => ({ default: class {} }));
const { boundsOnScreen, SHELL_STORE_SCHEMA } = await import('./shell-store');

const validate = new Ajv({ allErrors: true, useDefaults: true }).compile({ type: 'object', properties: SHELL_STORE_SCHEMA });

describe('shell store schema', () => {
  it('accepts good data and fills defaults', () => {
    const data: Record<string, unknown> = { windowBounds: { x: 10, y: 20, width: 900, height: 700 } };
    expect(validate(data)).toBe(true);
    expect(data).toMatchObject({ startAtLogin: false, secrets: {} });
    expect(validate({ windowBounds: null, secrets: { 'profile:work': 'djEwAAAA' } })).toBe(true);
  });

  it('refuses bad bounds, non-boolean flags and non-base64 ciphertext', () => {
    expect(validate({ windowBounds: { width: 10, height: 700 } })).toBe(false);
    expect(validate({ windowBounds: { width: 900 } })).toBe(false);
    expect(validate({ startAtLogin: 'yes' })).toBe(false);
    expect(validate({ secrets: { k: 'plain text secret!' } })).toBe(false);
  });
});

describe('boundsOnScreen', () => {
  const fallback = { width: 960, height: 720 };
  const display = { x: 0, y: 0, width: 1440, height: 900 };
  it('restores bounds on a visible display, drops the position on a missing one', () => {
    expect(boundsOnScreen({ x: 100, y: 100, width: 900, height: 700 }, [display], fallback)).toEqual({ x: 100, y: 100, width: 900, height: 700 });
    expect(boundsOnScreen({ x: 3000, y: 100, width: 900, height: 700 }, [display], fallback)).toEqual({ width: 900, height: 700 });
    expect(boundsOnScreen(null, [display], fallback)).toEqual(fallback);
  });
});
