import { describe, expect, it } from 'vitest';
import { sameOriginPath } from './same-origin';

const app = 'https://portal.example.com';

describe('sign-in callback targets', () => {
  it('keeps paths on the portal, with query and fragment', () => {
    expect(sameOriginPath('/charges?type=charge#top', app)).toBe('/charges?type=charge#top');
    expect(sameOriginPath('https://portal.example.com/invoices', app)).toBe('/invoices');
    expect(sameOriginPath('top-up', app)).toBe('/top-up');
  });

  it('refuses anything a browser would read as another origin', () => {
    for (const target of [
      '/\\evil.example',
      '\\\\evil.example',
      '//evil.example',
      '/\\/evil.example',
      'https://evil.example/',
      'http://portal.example.com/',
      'https://portal.example.com.evil.example/',
      'javascript:alert(1)',
      '/.//evil.example',
      '\t//evil.example',
    ]) {
      expect(sameOriginPath(target, app), target).toBe('/');
    }
  });

  it('falls back when there is no target', () => {
    expect(sameOriginPath(undefined, app)).toBe('/');
    expect(sameOriginPath('', app, '/welcome')).toBe('/welcome');
  });
});
