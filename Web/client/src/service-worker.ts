/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
import { build, files, version } from '$service-worker';
import { dataCacheName, savedAtHeader, strategyFor } from '$lib/offline';

// The installable app's worker: the shell offline, the player's last known data offline, and the
// alerts shown as notifications while the tab is in the background or the phone is locked.

const sw = self as unknown as ServiceWorkerGlobalScope;
const shellCache = `pt-shell:${version}`;
const shell = new Set([...build, ...files, '/index.html']);
const metaCache = 'pt-meta';
const maxDataEntries = 300;
let account: string | null | undefined; // undefined: not read yet since the worker (re)started

/** The signed-in player, as the page last said; kept in a cache so a restarted worker knows it. */
async function currentAccount(): Promise<string | null> {
	if (account === undefined) {
		const saved = await caches.match('/__account', { cacheName: metaCache });
		account = saved ? (await saved.text()) || null : null;
	}

	return account;
}

async function setAccount(value: string | null): Promise<void> {
	account = value;
	const cache = await caches.open(metaCache);
	await (value ? cache.put('/__account', new Response(value)) : cache.delete('/__account'));
}

sw.addEventListener('install', (event) => {
	event.waitUntil(
		caches
			.open(shellCache)
			.then((cache) => cache.addAll([...shell]))
			.then(() => sw.skipWaiting())
	);
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			for (const key of await caches.keys()) {
				if (key.startsWith('pt-shell:') && key !== shellCache) await caches.delete(key);
			}
			await sw.clients.claim();
		})()
	);
});

sw.addEventListener('message', (event) => {
	const message = event.data as { type?: string; account?: string | null };
	if (message?.type === 'account') {
		event.waitUntil(setAccount(message.account ?? null));
	} else if (message?.type === 'forget') {
		// Signed out, or the account deleted: nothing of the player stays on the phone.
		event.waitUntil(
			setAccount(null)
				.then(() => caches.keys())
				.then((keys) => Promise.all(keys.filter((k) => k.startsWith('pt-data:')).map((k) => caches.delete(k))))
		);
	}
});

sw.addEventListener('fetch', (event) => {
	const request = event.request;
	const url = new URL(request.url);
	const strategy = strategyFor(request.method, url, sw.location.origin, request.mode, shell);
	if (strategy === 'shell') {
		event.respondWith(caches.match(url.pathname, { cacheName: shellCache }).then((hit) => hit ?? fetch(request)));
	} else if (strategy === 'page') {
		event.respondWith(
			fetch(request).catch(async () => (await caches.match('/index.html', { cacheName: shellCache })) ?? Response.error())
		);
	} else if (strategy === 'data') {
		event.respondWith(
			currentAccount().then((player) => (player ? networkFirst(request, player) : fetch(request)))
		);
	}
});

async function networkFirst(request: Request, player: string): Promise<Response> {
	const cacheName = dataCacheName(player);
	const key = new URL(request.url).pathname + new URL(request.url).search;
	try {
		const response = await fetch(request);
		// Kept only while the player who asked is still the one signed in: an answer arriving after a
		// sign-out would make their copy again on a phone someone else now uses.
		if (response.ok && response.status === 200 && (await currentAccount()) === player) {
			const body = await response.clone().arrayBuffer();
			const headers = new Headers(response.headers);
			headers.set(savedAtHeader, new Date().toISOString());
			const cache = await caches.open(cacheName);
			await cache.put(key, new Response(body, { status: 200, headers }));
			// Bounded: the oldest answers go first (every filter or page is its own entry).
			const keys = await cache.keys();
			await Promise.all(keys.slice(0, Math.max(0, keys.length - maxDataEntries)).map((k) => cache.delete(k)));
		}

		return response;
	} catch (error) {
		const hit = await caches.match(key, { cacheName });
		if (hit) return hit;
		throw error;
	}
}

// Alerts: the page hands them over when it is hidden, and a push service delivers them when the
// app is closed (the server sends only to players who subscribed).
sw.addEventListener('push', (event) => {
	const alert = event.data?.json() as { title?: string; body?: string; sessionId?: string; id?: string } | undefined;
	if (!alert?.title) return;
	event.waitUntil(
		sw.registration.showNotification(alert.title, {
			body: alert.body,
			tag: alert.id ?? alert.sessionId,
			icon: '/icons/icon-192.png',
			data: { url: alert.sessionId ? `/live/${alert.sessionId}` : '/' }
		})
	);
});

sw.addEventListener('notificationclick', (event) => {
	event.notification.close();
	const url = (event.notification.data as { url?: string } | null)?.url ?? '/';
	event.waitUntil(
		(async () => {
			const windows = await sw.clients.matchAll({ type: 'window', includeUncontrolled: true });
			const open = windows.find((w) => new URL(w.url).pathname === url) ?? windows[0];
			if (open) {
				await open.focus();
				if (new URL(open.url).pathname !== url) await open.navigate(url);
			} else {
				await sw.clients.openWindow(url);
			}
		})()
	);
});
