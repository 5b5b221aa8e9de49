// The Clearpost HTTP API as the demo users (password = user name), the way a front end calls it.
import assert from 'node:assert/strict';

export const BASE = process.env.CLEARPOST_URL || 'http://127.0.0.1:8080';

export async function api(user, method, path, body) {
  const response = await fetch(BASE + path, {
    method,
    headers: {
      Authorization: 'Basic ' + Buffer.from(`${user}:${user}`).toString('base64'),
      'Content-Type': 'application/json',
      // a write needs a JSON body or this header (cross-site requests can send neither)
      'X-Requested-With': 'XMLHttpRequest',
      Accept: 'application/json'
    },
    body: body === undefined ? undefined : JSON.stringify(body)
  });
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { json = null; }
  return { status: response.status, json, text };
}

export const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

/** Polls until {@code probe} returns something truthy (jobs and timers run in the application's job executor). */
export async function until(what, probe, seconds = 90) {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(500);
  }
}

/** The open task {@code key} of a crisis, a content item or a brief (for its own tasks) in the user's list. */
export async function task(user, key, { contentId, briefId, crisisId }) {
  return until(`${user}'s ${key} task`, async () => {
    const r = await api(user, 'GET', `/api/tasks?key=${key}&size=100`);
    assert.equal(r.status, 200, r.text);
    return r.json.find(t => (crisisId ? t.crisisId === crisisId : contentId ? t.contentId === contentId
      : t.briefId === briefId));
  });
}

export async function crisis(user, crisisId) {
  const r = await api(user, 'GET', `/api/crises/${crisisId}`);
  assert.equal(r.status, 200, r.text);
  return r.json;
}

/** Polls the crisis until {@code probe} holds for it (the statement is published by the job executor). */
export async function awaitCrisis(user, crisisId, what, probe, seconds = 120) {
  return until(`crisis ${crisisId}: ${what}`, async () => {
    const c = await crisis(user, crisisId);
    return probe(c) ? c : null;
  }, seconds);
}

export async function content(user, contentId) {
  const r = await api(user, 'GET', `/api/content/${contentId}`);
  assert.equal(r.status, 200, r.text);
  return r.json;
}

export async function awaitStatus(user, contentId, status, seconds = 120) {
  return until(`content ${contentId} to be ${status}`, async () => {
    const item = await content(user, contentId);
    return item.status === status ? item : null;
  }, seconds);
}

/** ISO-8601 with offset, {@code seconds} from now, in whole seconds. */
export function fromNow(seconds) {
  return new Date(Math.ceil(Date.now() / 1000) * 1000 + seconds * 1000).toISOString().replace('.000Z', 'Z');
}

export async function submitBrief(user, request) {
  const r = await api(user, 'POST', '/api/briefs', request);
  assert.equal(r.status, 201, r.text);
  return { briefId: r.json.id, contentIds: r.json.deliverables.map(d => d.contentId) };
}

export function brief(brand, category, deliverables) {
  return {
    brand, category, title: `Spring campaign (${brand})`, objective: 'More accounts opened this spring',
    audience: 'Young savers', keyMessages: ['Simple', 'Fair fees'], mandatoryMentions: [], deliverables
  };
}
