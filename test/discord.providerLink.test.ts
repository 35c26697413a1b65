import { describe, expect, it } from 'vitest';
import { EN } from '../src/discord/copy.js';
import { COMPONENTS_V2 } from '../src/discord/discordLimits.js';
import { linkWithin } from '../src/discord/views/jobCard.js';

const lead = "<@3> your video is ready! It is too large to upload here, so here is the provider's link; it expires, so save the file soon:";
const urlOf = (length: number): string => {
  const base = 'https://cdn.example.com/v.mp4?sig=';
  return base + 'x'.repeat(length - base.length);
};
const BUDGET = COMPONENTS_V2.textDisplayMax;

describe('the provider’s link on a card', () => {
  it('puts a short link after the lead', () => {
    const url = urlOf(120);
    expect(linkWithin(lead, url, BUDGET, EN)).toBe(`${lead}\n${url}`);
  });

  it('keeps a link that just fits the budget whole', () => {
    const url = urlOf(BUDGET - lead.length - 1);
    const text = linkWithin(lead, url, BUDGET, EN);
    expect(text).toHaveLength(BUDGET);
    expect(text.endsWith(url)).toBe(true);
  });

  it('says so rather than posting a cut link when the card cannot hold it', () => {
    const url = urlOf(5000);
    const text = linkWithin(lead, url, BUDGET, EN);
    expect(text.length).toBeLessThanOrEqual(BUDGET);
    expect(text).not.toContain('https://');
    expect(text).toContain('5,000 characters');
  });

  it('fits every length of link and lead within the budget, and carries the link only whole', () => {
    for (const budget of [500, 2000, BUDGET]) {
      for (const leadLength of [0, 10, 1999, 2500]) {
        for (const urlLength of [40, 1900, 2001, 4000, 4097, 10_000]) {
          const url = urlOf(urlLength);
          const text = linkWithin('a'.repeat(leadLength), url, budget, EN);
          expect(text.length).toBeLessThanOrEqual(budget);
          expect(text.includes(url)).toBe(leadLength + 1 + urlLength <= budget);
          if (!text.includes(url)) expect(text).not.toContain('https://cdn.example.com');
        }
      }
    }
  });
});
