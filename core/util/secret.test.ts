import { describe, expect, it } from 'vitest';
import { Redactor, redactUrlUserinfo, Secret, urlUserinfo } from './secret';
import { CANARY } from '../testing/fixtures';


describe('Redactor', () => {
  it('hides the password of any URL in a text, however short, and a lone user part (often a token)', () => {
    const redactor = new Redactor();
    const text = 'base https://alice:pw@gw.example/v1 and proxy http://tok3n@proxy:3128, ok mailto:a@b.c';
    const out = redactor.scrub(text);
    expect(out).toBe('base https://alice:••••@gw.example/v1 and proxy http://••••@proxy:3128, ok mailto:a@b.c');
    expect(redactor.scrub(out)).toBe(out);
    expect(redactUrlUserinfo('no url here')).toBe('no url here');
  });

  it('scrubs every string of a JSON-like value, keys included, and leaves other values alone', () => {
    const redactor = new Redactor();
    redactor.add(CANARY);
    const value = { a: [`key ${CANARY}`, 3, null, { [CANARY]: true, url: 'https://u:secretpw@h' }], b: false, s: new Secret(CANARY) };
    const text = JSON.stringify(redactor.scrubDeep(value));
    expect(text).not.toContain(CANARY);
    expect(text).not.toContain('secretpw');
    expect(text).toContain('4068');
    expect(JSON.parse(text).a[1]).toBe(3);
  });

  it('replaces a secret that contains another whole, even when the longer one is added after a scrub', () => {
    const redactor = new Redactor();
    redactor.add('abcdef123456');
    expect(redactor.scrub('k=abcdef123456')).toBe('k=••••3456');
    redactor.add('abcdef123456XYZW');
    expect(redactor.scrub('k=abcdef123456XYZW')).toBe('k=••••XYZW');
    redactor.add('abcdef123456'); // already known: the order stays longest first
    expect(redactor.scrub('k=abcdef123456XYZW and abcdef123456')).toBe('k=••••XYZW and ••••3456');
  });

  it('finds the userinfo of a URL value', () => {
    expect(urlUserinfo('https://alice:pw@gw.example')).toBe('alice:pw');
    expect(urlUserinfo('https://gw.example/a@b')).toBeNull();
    expect(urlUserinfo('not a url')).toBeNull();
  });
});
