import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { APP_USER_MODEL_ID } from './app-identity';

describe('APP_USER_MODEL_ID', () => {
  it('is the appId electron-builder gives the installed shortcut', () => {
    const appId = /^appId:\s*(\S+)\s*$/m.exec(readFileSync('electron-builder.yml', 'utf8'))?.[1];
    expect(appId).toBeDefined();
    expect(APP_USER_MODEL_ID).toBe(appId);
  });
});
