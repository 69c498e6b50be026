/** Origins and hosts from configuration, compared the way browsers send them. */

/** `CORS_ORIGINS`: comma-separated origins; a trailing slash in the config is forgiven. */
export const listedOrigins = (csv: string | undefined): string[] =>
  (csv ?? '')
    .split(',')
    .map((o) => o.trim().replace(/\/+$/, ''))
    .filter(Boolean);

/** Loopback names: what a local server (`npm start`) is reached by. */
export const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'];

/** `ALLOWED_HOSTS`: comma-separated host names, `*.example.com` for any subdomain; loopback when unset. */
export function allowedHosts(csv: string | undefined): string[] {
  const hosts = (csv ?? '')
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
  return hosts.length ? hosts : LOOPBACK_HOSTS;
}

/** Whether `hostname` (no port; IPv6 in brackets, as URL gives it) is one of `patterns`. */
export function hostAllowed(hostname: string, patterns: string[]): boolean {
  const host = hostname.toLowerCase();
  return patterns.some((p) =>
    p.startsWith('*.') ? host.endsWith(p.slice(1)) && host.length > p.length - 1 : host === p,
  );
}
