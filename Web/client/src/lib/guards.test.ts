import { describe, expect, it } from 'vitest';
import { guardsForm, parseGuards } from './guards';

describe('guards', () => {
	it('shows money limits only in their own currency', () => {
		expect(guardsForm({ stopLoss: 5000, maxDurationMinutes: 240, currency: 'USD' }, 'USD')).toMatchObject({ stopLoss: '50', maxDurationMinutes: '240' });
		expect(guardsForm({ stopLoss: 5000, stopLossBuyIns: 2, currency: 'EUR' }, 'USD')).toMatchObject({ stopLoss: '', stopLossBuyIns: '2' });
	});

	it('sends empty fields as no limit and says what is typed wrong', () => {
		const ok = parseGuards({ stopLoss: '$50', stopLossBuyIns: '', stopWin: '', maxDurationMinutes: '240', maxDrawdown: '' }, 'USD');
		expect(ok).toEqual({ limits: { stopLoss: 5000, stopLossBuyIns: null, stopWin: null, maxDurationMinutes: 240, maxDrawdown: null }, wrong: [] });
		const bad = parseGuards({ stopLoss: '0', stopLossBuyIns: 'two', stopWin: '', maxDurationMinutes: '90.5', maxDrawdown: '' }, 'USD');
		expect(bad.wrong).toEqual(['Stop-loss: enter an amount above 0, e.g. 300', 'Stop-loss (buy-ins): enter a number above 0', 'Maximum duration (minutes): enter whole minutes, e.g. 90']);
	});
});
