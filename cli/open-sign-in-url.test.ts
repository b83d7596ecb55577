import { describe, expect, it } from 'vitest';
import { browserCommand, systemOpener } from './open-sign-in-url';

const URL_ = 'https://claude.ai/oauth/authorize?code=true';

describe('the browser command', () => {
  it('is the platform opener (serve --open runs the same)', () => {
    expect(systemOpener(URL_, 'darwin')).toEqual(['open', [URL_]]);
    expect(systemOpener(URL_, 'win32')).toEqual(['cmd', ['/c', 'start', '""', URL_]]);
    expect(systemOpener(URL_, 'linux')).toEqual(['xdg-open', [URL_]]);
    expect(browserCommand(URL_, {}, 'linux')).toEqual(['xdg-open', [URL_]]);
  });

  it('is BROWSER when set, unless it is empty or "true" (a "do nothing" placeholder)', () => {
    expect(browserCommand(URL_, { BROWSER: ' firefox ' }, 'darwin')).toEqual(['firefox', [URL_]]);
    expect(browserCommand(URL_, { BROWSER: 'true' }, 'darwin')).toEqual(['open', [URL_]]);
    expect(browserCommand(URL_, { BROWSER: '  ' }, 'win32')).toEqual(['cmd', ['/c', 'start', '""', URL_]]);
  });
});
