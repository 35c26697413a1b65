import { describe, expect, it } from 'vitest';
import { nextResetAt, startOfUtcDay } from '../src/community/spendLedger.js';

// What the ledger sums is part of the storage contract (test/storage/contract.ts).
describe('the spend ledger’s day', () => {
  it('knows when the day starts and when it ends', () => {
    const noon = Date.UTC(2026, 10, 25, 12);
    expect(startOfUtcDay(noon)).toBe(Date.UTC(2026, 10, 25));
    expect(nextResetAt(noon)).toBe(Date.UTC(2026, 10, 26));
    expect(nextResetAt(Date.UTC(2026, 10, 25))).toBe(Date.UTC(2026, 10, 26));
    expect(nextResetAt(Date.UTC(2026, 10, 26) - 1)).toBe(Date.UTC(2026, 10, 26));
    expect(nextResetAt(Date.UTC(2026, 11, 31, 23, 30))).toBe(Date.UTC(2027, 0, 1));
  });
});
