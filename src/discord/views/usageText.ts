/** `/video usage`: today's spend against both budgets, and the member's jobs. */
import { type UsageFacts, usageLines } from '../copy.js';

export type { UsageFacts };

export function usageText(facts: UsageFacts): string {
  return usageLines(facts).join('\n');
}
