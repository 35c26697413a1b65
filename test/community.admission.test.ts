import { describe, expect, it } from 'vitest';
import { type AdmissionUsage, type AdmissionVerdict, decideAdmission } from '../src/community/admission.js';
import { DEFAULT_GUILD_SETTINGS, type GuildSettings } from '../src/community/guildSettings.js';
import type { AdmissionDecision, AdmissionRequest } from '../src/discord/context.js';
import { admissionRefusalText, copyFor } from '../src/discord/copy.js';
import { parseVideoInput } from '../src/model/videoInput.js';

// Admission over the stores (the limits decided in the transaction that writes the job) is part
// of the storage contract (test/storage/contract.ts).

const GUILD = '100000';
const CHANNEL = '200000';
const USER = '300000';
/** 20:48 UTC: the daily budgets reset in 3 h 12 min. */
const NOW = Date.UTC(2026, 10, 25, 20, 48);

function request(overrides: Partial<AdmissionRequest> = {}): AdmissionRequest {
  return {
    guildId: GUILD,
    channelId: CHANNEL,
    parentChannelId: null,
    userId: USER,
    roleIds: [],
    input: parseVideoInput({ prompt: 'a lighthouse at dusk, waves crashing' }),
    estimateUsd: 0.84,
    kind: 'new',
    ...overrides,
  };
}

function settings(overrides: Partial<GuildSettings> = {}): GuildSettings {
  return { ...DEFAULT_GUILD_SETTINGS, ...overrides };
}

const idle: AdmissionUsage = { unfinishedJobs: 0, memberSpentUsd: 0, serverSpentUsd: 0 };

function refusal(verdict: AdmissionVerdict): { reason: string; message: string } {
  if (verdict.ok) throw new Error('the request was admitted');
  return { reason: verdict.reason, message: admissionRefusalText(verdict.refusal) };
}

describe('deciding admission', () => {
  it('admits a request on a server with default settings', () => {
    expect(decideAdmission(request(), settings(), idle, NOW)).toEqual({ ok: true });
  });

  it('serves the Discord layer’s request and decision types as they are', () => {
    const decide: (r: AdmissionRequest) => AdmissionDecision = (r) => decideAdmission(r, settings(), idle, NOW);
    expect(decide(request())).toEqual({ ok: true });
  });

  describe('channels', () => {
    const allowed = settings({ allowedChannelIds: ['210000', '220000'] });

    it('refuses a channel not on the list, pointing to the ones that are', () => {
      expect(refusal(decideAdmission(request(), allowed, idle, NOW))).toEqual({
        reason: 'channel',
        message: "Videos can't be made in this channel. Use <#210000> or <#220000> instead.",
      });
    });

    it('admits a listed channel, and a thread whose parent is listed', () => {
      expect(decideAdmission(request({ channelId: '220000' }), allowed, idle, NOW).ok).toBe(true);
      expect(decideAdmission(request({ channelId: '999999', parentChannelId: '210000' }), allowed, idle, NOW).ok).toBe(true);
      expect(decideAdmission(request({ channelId: '999999', parentChannelId: '230000' }), allowed, idle, NOW).ok).toBe(false);
    });

    it('names one channel plainly and counts the rest past ten', () => {
      const one = settings({ allowedChannelIds: ['210000'] });
      expect(refusal(decideAdmission(request(), one, idle, NOW)).message).toBe(
        "Videos can't be made in this channel. Use <#210000> instead.",
      );
      const many = settings({ allowedChannelIds: Array.from({ length: 12 }, (_, i) => String(210_000 + i)) });
      expect(refusal(decideAdmission(request(), many, idle, NOW)).message).toMatch(/<#210009> and 2 more instead\.$/);
    });
  });

  describe('roles', () => {
    const needsRole = settings({ requiredRoleId: '777000' });

    it('refuses a member without the required role, naming it without pinging', () => {
      expect(refusal(decideAdmission(request({ roleIds: ['111'] }), needsRole, idle, NOW))).toEqual({
        reason: 'role',
        message: 'You need the <@&777000> role to make videos on this server. Ask a moderator if you think you should have it.',
      });
    });

    it('admits a member with the role', () => {
      expect(decideAdmission(request({ roleIds: ['111', '777000'] }), needsRole, idle, NOW).ok).toBe(true);
    });
  });

  describe('blocked phrases', () => {
    const blocked = settings({ blockedPhrases: ['red panda', 'storm'] });

    it('refuses a prompt with a blocked phrase, naming the phrase but not echoing the prompt', () => {
      const prompt = 'a cute RED-PÁNDA climbing a tree in the snow, golden hour';
      const verdict = refusal(decideAdmission(request({ input: parseVideoInput({ prompt }) }), blocked, idle, NOW));
      expect(verdict).toEqual({
        reason: 'blocked',
        message: 'Your video was not started: your prompt contains "red panda", which is blocked on this server. Reword it and try again.',
      });
      expect(verdict.message).not.toContain('climbing');
    });

    it('looks in the negative prompt and in every shot', () => {
      const negative = parseVideoInput({ prompt: 'a calm sea', negative_prompt: 'no st\u200Borm' });
      expect(refusal(decideAdmission(request({ input: negative }), blocked, idle, NOW)).message).toContain(
        'your negative prompt contains "storm"',
      );
      const shots = parseVideoInput({
        prompt: 'a calm sea',
        duration: 10,
        multi_prompt: [
          { prompt: 'sunrise over the water', duration: 5 },
          { prompt: 'a STORM rolls in', duration: 5 },
        ],
      });
      expect(refusal(decideAdmission(request({ input: shots }), blocked, idle, NOW)).message).toContain(
        'the prompt of shot 2 contains "storm"',
      );
    });

    it('does not refuse a word that merely contains a blocked one', () => {
      const input = parseVideoInput({ prompt: 'a stormy night over the brainstorming room' });
      expect(decideAdmission(request({ input }), blocked, idle, NOW).ok).toBe(true);
    });

    it('keeps markdown in a phrase from restyling the message', () => {
      const verdict = decideAdmission(
        request({ input: parseVideoInput({ prompt: 'a snake_case sign' }) }),
        settings({ blockedPhrases: ['snake_case'] }),
        idle,
        NOW,
      );
      expect(refusal(verdict).message).toContain('"snake\\_case"');
    });
  });

  describe('videos in progress', () => {
    it('refuses a member at the limit in a server without a line, saying how many and when one frees up', () => {
      expect(refusal(decideAdmission(request(), settings({ maxWaitingPerMember: 0 }), { ...idle, unfinishedJobs: 2 }, NOW))).toEqual({
        reason: 'concurrency',
        message: 'You already have 2 videos in progress; the limit here is 2. One frees up when a video finishes.',
      });
      expect(
        refusal(
          decideAdmission(request(), settings({ maxConcurrentPerMember: 1, maxWaitingPerMember: 0 }), { ...idle, unfinishedJobs: 1 }, NOW),
        ).message,
      ).toBe('You already have 1 video in progress; the limit here is 1. One frees up when a video finishes.');
    });

    it('puts a member at the limit in the line instead of refusing, until their line is full', () => {
      expect(decideAdmission(request(), settings(), { ...idle, unfinishedJobs: 2, waitingJobs: 4 }, NOW).ok).toBe(true);
      expect(refusal(decideAdmission(request(), settings(), { ...idle, unfinishedJobs: 2, waitingJobs: 5 }, NOW))).toEqual({
        reason: 'line_full',
        message: "You already have 5 videos waiting in this server's line, its limit. Your next one can join when one of them starts.",
      });
    });

    it('refuses a full server only when it keeps no line', () => {
      const full = { ...idle, serverActiveJobs: 4 };
      expect(decideAdmission(request(), settings(), full, NOW).ok).toBe(true);
      expect(refusal(decideAdmission(request(), settings({ maxWaitingPerMember: 0 }), full, NOW))).toEqual({
        reason: 'server_busy',
        message: 'This server already has 4 videos in progress, its limit, and keeps no waiting line. Try again when one finishes.',
      });
    });

    it('admits a member below the limit', () => {
      expect(decideAdmission(request(), settings(), { ...idle, unfinishedJobs: 1 }, NOW).ok).toBe(true);
    });
  });

  describe('budgets', () => {
    it('refuses a video that would take the member past their daily budget, saying what and until when', () => {
      expect(refusal(decideAdmission(request(), settings(), { ...idle, memberSpentUsd: 4.5 }, NOW))).toEqual({
        reason: 'member_budget',
        message:
          'This video is estimated at $0.84, and you have spent $4.50 today of your daily budget of $5.00 on this server. ' +
          'You have $0.50 left today; a shorter video, or one without sound, costs less. ' +
          'Your budget resets at 00:00 UTC, in 3 h 12 min.',
      });
    });

    it('admits a video that brings the member exactly to their budget', () => {
      expect(decideAdmission(request(), settings(), { ...idle, memberSpentUsd: 4.16 }, NOW).ok).toBe(true);
      expect(decideAdmission(request(), settings(), { ...idle, memberSpentUsd: 4.161 }, NOW).ok).toBe(false);
    });

    it('refuses a video that would take the server past its daily budget', () => {
      expect(refusal(decideAdmission(request(), settings(), { ...idle, serverSpentUsd: 49.5 }, NOW))).toEqual({
        reason: 'server_budget',
        message:
          "This video is estimated at $0.84, and this server has spent $49.50 today of its daily budget of $50.00. The server's budget resets at 00:00 UTC, in 3 h 12 min.",
      });
    });

    it('has no limit when a budget is turned off', () => {
      const unlimited = settings({ dailyBudgetPerMemberUsd: null, dailyBudgetPerServerUsd: null });
      expect(decideAdmission(request(), unlimited, { ...idle, memberSpentUsd: 1e6, serverSpentUsd: 1e6 }, NOW).ok).toBe(true);
    });

    it('says plainly when a budget is zero', () => {
      expect(refusal(decideAdmission(request(), settings({ dailyBudgetPerMemberUsd: 0 }), idle, NOW)).message).toBe(
        'Members have no budget for videos on this server (the daily budget per member is $0). Ask a moderator.',
      );
      expect(refusal(decideAdmission(request(), settings({ dailyBudgetPerServerUsd: 0 }), idle, NOW)).message).toBe(
        'This server has no budget for videos (its daily budget is $0). Ask a moderator.',
      );
    });

    it('leaves out the hint when nothing is left', () => {
      const message = refusal(decideAdmission(request(), settings(), { ...idle, memberSpentUsd: 5 }, NOW)).message;
      expect(message).not.toContain('left today');
    });
  });

  it('checks channel, role, phrase, in-progress videos, member budget, then server budget', () => {
    const strict: GuildSettings = settings({
      allowedChannelIds: ['210000'],
      requiredRoleId: '777000',
      blockedPhrases: ['lighthouse'],
      maxConcurrentPerMember: 1,
      maxWaitingPerMember: 0,
    });
    const busy: AdmissionUsage = { unfinishedJobs: 1, memberSpentUsd: 5, serverSpentUsd: 50 };
    const reasons: string[] = [];
    const steps: ((s: GuildSettings, r: AdmissionRequest, u: AdmissionUsage) => [GuildSettings, AdmissionRequest, AdmissionUsage])[] = [
      (s, r, u) => [s, { ...r, channelId: '210000' }, u],
      (s, r, u) => [s, { ...r, roleIds: ['777000'] }, u],
      (s, r, u) => [{ ...s, blockedPhrases: [] }, r, u],
      (s, r, u) => [s, r, { ...u, unfinishedJobs: 0 }],
      (s, r, u) => [s, r, { ...u, memberSpentUsd: 0 }],
      (s, r, u) => [s, r, { ...u, serverSpentUsd: 0 }],
    ];
    let state: [GuildSettings, AdmissionRequest, AdmissionUsage] = [strict, request(), busy];
    for (const fix of steps) {
      const verdict = decideAdmission(state[1], state[0], state[2], NOW);
      reasons.push(verdict.ok ? 'ok' : verdict.reason);
      state = fix(...state);
    }
    reasons.push(decideAdmission(state[1], state[0], state[2], NOW).ok ? 'ok' : 'refused');
    expect(reasons).toEqual(['channel', 'role', 'blocked', 'concurrency', 'member_budget', 'server_budget', 'ok']);
  });

  it.each([
    [3 * 3_600_000 + 12 * 60_000, '3 h 12 min'],
    [3 * 3_600_000 + 11 * 60_000 + 1, '3 h 12 min'],
    [2 * 3_600_000, '2 h'],
    [59 * 60_000, '59 min'],
    [1, '1 min'],
    [24 * 3_600_000, '24 h'],
  ])('the Discord layer words %i ms until a reset as "%s"', (ms, words) => {
    expect(copyFor('en').timeUntil(ms)).toBe(words);
  });
});
