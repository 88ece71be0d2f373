import { request } from './api';

export interface LiveEvent {
	id: string | null;
	event: string;
	data: unknown;
}

/**
 * Server-sent events over fetch (so the access token can go in a header). Reconnects on its own
 * with Last-Event-ID, so nothing is missed while the casino Wi-Fi is down.
 */
export function openStream(path: string, onEvent: (e: LiveEvent) => void, onState?: (connected: boolean) => void): () => void {
	let stopped = false;
	let lastId: string | null = null;
	const controller = { current: new AbortController() };

	async function run() {
		while (!stopped) {
			try {
				const response = await request(path, {
					headers: lastId ? { Accept: 'text/event-stream', 'Last-Event-ID': lastId } : { Accept: 'text/event-stream' },
					signal: controller.current.signal
				});
				if (!response.ok || !response.body) throw new Error(`stream ${response.status}`);
				onState?.(true);
				const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
				let buffer = '';
				for (;;) {
					const { value, done } = await reader.read();
					if (done) break;
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

			onState?.(false);
			if (!stopped) await new Promise((r) => setTimeout(r, 2000));
		}
	}

	void run();
	return () => {
		stopped = true;
		controller.current.abort();
	};
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
