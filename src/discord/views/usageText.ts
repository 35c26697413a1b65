/** `/video usage`: today's spend against both budgets, and the member's jobs. */
import type { Copy, UsageFacts } from '../copy.js';

export type { UsageFacts };

export function usageText(facts: UsageFacts, copy: Copy): string {
  return copy.usageLines(facts).join('\n');
}
