// A figure's font shrinks to fit its card (CSS: .value.figure, sized by --chars): the action keeps
// --chars at the figure's length as it changes ("+$19,111.91/h" is longer than "$0.00"). A figure
// of two parts (".pair": "low … high") is sized by its longer part, each part kept on one line.

export function figureLength(node: HTMLElement): number {
	const parts = [...node.querySelectorAll(':scope > span')].map((s) => s.textContent ?? '');
	const longest = Math.max(0, ...(parts.length > 0 ? parts : [node.textContent ?? '']).map((t) => t.trim().length));
	return Math.max(longest, 6);
}

export function fit(node: HTMLElement) {
	const measure = () => node.style.setProperty('--chars', String(figureLength(node)));
	measure();
	const observer = new MutationObserver(measure);
	observer.observe(node, { childList: true, characterData: true, subtree: true });
	return { destroy: () => observer.disconnect() };
}
