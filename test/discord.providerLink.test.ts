import { describe, expect, it } from 'vitest';
import { providerLinkMessage } from '../src/discord/render.js';

const lead = "<@3> your video is ready! It is too large to upload here, so here is the provider's link; it expires, so save the file soon:";
const urlOf = (length: number): string => {
  const base = 'https://cdn.example.com/v.mp4?sig=';
  return base + 'x'.repeat(length - base.length);
};

describe('providerLinkMessage', () => {
  it('puts a short link after the lead in the content', () => {
    const url = urlOf(120);
    expect(providerLinkMessage(lead, url)).toEqual({ content: `${lead}\n${url}` });
  });

  it('moves a link too long for the content into an embed, whole', () => {
    const url = urlOf(3000);
    const message = providerLinkMessage(lead, url);
    expect(message.content).toBe(lead);
    expect(message.embeds?.[0]?.description).toBe(url);
  });

  it('keeps a link that just fits in the content within 2,000 characters', () => {
    const url = urlOf(2000 - lead.length - 1);
    const message = providerLinkMessage(lead, url);
    expect(message.content).toHaveLength(2000);
    expect(message.embeds).toBeUndefined();
  });

  it('says so rather than posting a cut link when not even an embed holds it', () => {
    const url = urlOf(5000);
    const message = providerLinkMessage(lead, url);
    expect(message.content.length).toBeLessThanOrEqual(2000);
    expect(message.content).not.toContain('https://');
    expect(message.content).toContain('5,000 characters');
    expect(message.embeds).toBeUndefined();
  });

  it("fits every length of link and lead within Discord's limits", () => {
    for (const leadLength of [0, 10, 1999, 2500]) {
      for (const urlLength of [40, 1900, 2001, 4096, 4097, 10_000]) {
        const message = providerLinkMessage('a'.repeat(leadLength), urlOf(urlLength));
        expect(message.content.length).toBeLessThanOrEqual(2000);
        for (const embed of message.embeds ?? []) expect(embed.description?.length ?? 0).toBeLessThanOrEqual(4096);
        const carries = message.content.includes(urlOf(urlLength)) || message.embeds?.[0]?.description === urlOf(urlLength);
        expect(carries).toBe(urlLength <= 4096);
      }
    }
  });
});
