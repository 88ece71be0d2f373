import { request } from './api';

/** The most characters a note holds, counted as the server counts them (the trimmed text's UTF-16 units). */
export const noteMaxLength = 2000;

/** Why a note cannot be sent as it is, or '': a longer paste is refused with its length, not cut without a word. */
export function noteProblem(text: string): string {
	const length = text.trim().length;
	if (length === 0) return 'write the note first';
	const n = (x: number) => x.toLocaleString('en-US');
	return length > noteMaxLength ? `at most ${n(noteMaxLength)} characters; this one has ${n(length)}` : '';
}

export interface LiveEvent {
	id: string | null;
	event: string;
	data: unknown;
}

/**
 * Server-sent events over fetch (so the access token can go in a header). Reconnects on its own
 * with Last-Event-ID, so nothing is missed while the casino Wi-Fi is down: after 2 s, backing off to
 * 30 s while it keeps failing, and with no network only once it is back. When the device says it
 * lost its network the stream is dropped at once (a half-open connection would leave the screen
 * believing it is live), and read again from where it was when the network is back.
 */
export function openStream(path: string, onEvent: (e: LiveEvent) => void, onState?: (connected: boolean) => void, after?: string): () => void {
	let stopped = false;
	let lastId: string | null = after ?? null;
	// Each connection after a drop says it takes the place of this stream's earlier ones, which the
	// server may never have heard end (a phone's Wi-Fi gone): they would hold the player's stream slots.
	const key = crypto.randomUUID();
	const controller = { current: new AbortController() };

	const offline = () => controller.current.abort();
	if (typeof window !== 'undefined') window.addEventListener('offline', offline);

	async function run() {
		let failures = 0;
		let openedAt = 0;
		while (!stopped) {
			let endedByServer = false;
			if (controller.current.signal.aborted) controller.current = new AbortController();
			try {
				const response = await request(path, {
					headers: { Accept: 'text/event-stream', 'X-Stream-Key': key, ...(lastId ? { 'Last-Event-ID': lastId } : {}) },
					signal: controller.current.signal
				});
				if (response.status === 403 || response.status === 404) {
					// Not a stream this player may open (another player's session): asking again changes nothing.
					onState?.(false);
					return;
				}

				if (!response.ok || !response.body) throw new Error(`stream ${response.status}`);
				failures = 0;
				openedAt = Date.now();
				onState?.(true);
				const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
				let buffer = '';
				for (;;) {
					const { value, done } = await reader.read();
					if (done) {
						endedByServer = true;
						break;
					}
					buffer += value;
					let end: number;
					while ((end = buffer.indexOf('\n\n')) >= 0) {
						const block = buffer.slice(0, end);
						buffer = buffer.slice(end + 2);
						const parsed = parse(block);
						if (parsed) {
							if (parsed.id) lastId = parsed.id;
							onEvent(parsed);
						}
					}
				}
			} catch {
				// dropped: try again shortly
			}

			// Ended by the server after a while (its sign-in ran out: it is opened again with the renewed one;
			// a new version of the server): opened again at once, the screen still live; failing to, it is not.
			if (endedByServer && !stopped && Date.now() - openedAt >= minLastingStream) continue;
			onState?.(false);
			if (!stopped) await pause(retryDelay(++failures));
		}
	}

	void run();
	return () => {
		stopped = true;
		controller.current.abort();
		if (typeof window !== 'undefined') window.removeEventListener('offline', offline);
	};
}

/**
 * Reads a session again when it changes elsewhere (another device, another tab): on an event past the
 * version shown, and when the stream is back after a break (what it missed meanwhile). The stream opens
 * once the first read is done, from the version it showed: a change made in between is sent too.
 */
export function followSession(id: string, first: Promise<unknown>, shown: () => number | undefined, reload: () => void): () => void {
	let connected = true;
	let stop: (() => void) | null = null;
	let stopped = false;
	void first.finally(() => {
		if (stopped) return;
		const version = shown();
		stop = openStream(
			`/api/sessions/${id}/events`,
			(e) => {
				const now = shown();
				if (e.id && now !== undefined && Number(e.id) > now) reload();
			},
			(c) => {
				if (c && !connected) reload();
				connected = c;
			},
			version === undefined ? undefined : String(version)
		);
	});
	return () => {
		stopped = true;
		stop?.();
	};
}

/** A stream the server ends sooner than this after it opened is opened again only after the usual wait. */
const minLastingStream = 5000;

/** The wait before the next try after `failures` failed ones in a row: 2 s, doubling, at most 30 s. */
export function retryDelay(failures: number): number {
	return Math.min(30_000, 2000 * 2 ** Math.max(0, failures - 1));
}

/** Waits `ms`; with no network, until it is back (looking again at least every 30 s), so an offline phone does not keep trying. */
function pause(ms: number): Promise<void> {
	return new Promise((resolve) => {
		if (typeof window === 'undefined' || navigator.onLine !== false) {
			setTimeout(resolve, ms);
			return;
		}

		const timer = setTimeout(back, 30_000);
		function back() {
			clearTimeout(timer);
			window.removeEventListener('online', back);
			resolve();
		}

		window.addEventListener('online', back);
	});
}

export function parse(block: string): LiveEvent | null {
	let id: string | null = null;
	let event = 'message';
	let data = '';
	for (const line of block.split('\n')) {
		if (line.startsWith('id: ')) id = line.slice(4);
		else if (line.startsWith('event: ')) event = line.slice(7);
		else if (line.startsWith('data: ')) data += line.slice(6);
	}

	if (!data) return null;
	try {
		return { id, event, data: JSON.parse(data) };
	} catch {
		return null;
	}
}
