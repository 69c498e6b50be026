import { describe, expect, it } from 'vitest';
import { api, call, signup } from '../test/helpers';

// The worker project lists https://app.example.com and https://admin.example.com/ in CORS_ORIGINS.
describe('CORS', () => {
  it('answers a preflight from a listed origin with the methods and headers the UI needs', async () => {
    // Raw: a preflight (OPTIONS) has no typed call.
    const res = await call('/api/v1/tasks', {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://app.example.com',
        'Access-Control-Request-Method': 'PATCH',
        'Access-Control-Request-Headers': 'authorization, if-match',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe('https://app.example.com');
    expect(res.headers.get('Access-Control-Allow-Methods')).toContain('PATCH');
    expect(res.headers.get('Access-Control-Allow-Headers')?.toLowerCase()).toContain('if-match');
    expect(res.headers.get('Vary')).toContain('Origin');
  });

  it('lets a listed origin read ETag on real requests, trailing slash in the config or not', async () => {
    const { token } = await signup('cors');
    const res = await api(token).api.v1.tasks.$get({ query: {} }, { headers: { Origin: 'https://admin.example.com' } });
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe('https://admin.example.com');
    expect(res.headers.get('Access-Control-Expose-Headers')).toContain('ETag');
  });

  it('gives an unlisted origin no CORS headers at all, so the browser blocks it', async () => {
    for (const origin of ['https://evil.example', 'https://app.example.com.evil.example', 'null']) {
      // Raw: a preflight (OPTIONS) has no typed call.
      const pre = await call('/api/v1/tasks', {
        method: 'OPTIONS',
        headers: { Origin: origin, 'Access-Control-Request-Method': 'GET' },
      });
      expect(pre.headers.get('Access-Control-Allow-Origin'), origin).toBeNull();
      const res = await api().api.health.$get(undefined, { headers: { Origin: origin } });
      expect(res.headers.get('Access-Control-Allow-Origin'), origin).toBeNull();
    }
  });
});
