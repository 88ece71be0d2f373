// What the service worker does with each request, kept apart from the worker so it can be tested.
//
// - The app shell (the built scripts, styles and static files) is cached when the worker installs
//   and served from the cache first: the app opens with no network at all.
// - A page load tries the network and falls back to the cached index.html (a single-page app).
// - Reads of the player's data (GET /api/…) go to the network first; the last good answer is kept
//   per player and shown when the network is gone, marked with the time it was saved.
// - Sign-in, the live streams, exports and every write are never cached: writes wait in the
//   app's own queue (queue.ts) and are sent when the network is back.

export type Strategy = 'shell' | 'page' | 'data' | 'network';

export const savedAtHeader = 'x-pt-saved-at';

export function strategyFor(method: string, url: URL, origin: string, mode: string, shell: ReadonlySet<string>): Strategy {
	if (method !== 'GET' || url.origin !== origin) return 'network';
	if (mode === 'navigate') return 'page';
	if (shell.has(url.pathname)) return 'shell';
	if (!url.pathname.startsWith('/api/')) return 'network';
	if (url.pathname.startsWith('/api/auth/')) return 'network';
	if (url.pathname.endsWith('/events') || url.pathname.endsWith('/export') || url.pathname.includes('/export/')) return 'network';
	return 'data';
}

/** The name of the cache holding one player's data; a shared phone never shows one player another's. */
export const dataCacheName = (account: string) => `pt-data:${account}`;

/** When an answer came from the cache, the time it was saved (else null). */
export function savedAt(response: Response): Date | null {
	const value = response.headers.get(savedAtHeader);
	return value ? new Date(value) : null;
}

/** When a copy was kept, as the device's clock reads it: "at 21:04", or with its day when not today ("on Dec 2 at 21:04"). */
export function keptAt(saved: Date, now = new Date(), locale?: string): string {
	const time = saved.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
	return saved.toDateString() === now.toDateString() ? `at ${time}` : `on ${saved.toLocaleDateString(locale, { month: 'short', day: 'numeric' })} at ${time}`;
}
