// Every form, rendered by form-js in headless Chromium with the real task detail of a running Clearpost
// (GET /api/tasks/{id}: its form and its context as data), filled as a person fills it, and form-js' own
// submission posted to /api/tasks/{id}/complete — for every user task key, on lifecycles that reach PUBLISHED
// and a crisis that is closed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, loadFormJs, renderForm, submit, screenshot } from './browser.mjs';
import { api, task, content, awaitStatus, fromNow, submitBrief, brief, until, sleep, crisis, awaitCrisis } from './api.mjs';

const HASH_A = 'a'.repeat(64);
const done = new Set();
let browser;
let page;

before(async () => {
  browser = await launch();
  page = await newPage(browser);
  await loadFormJs(page);
});

after(async () => {
  await browser?.close();
});

/** Opens the user's task in the browser, lets {@code fill} act on the form, submits it through the API. */
async function work(user, key, where, fill, shot = key) {
  const summary = await task(user, key, where);
  const detail = await api(user, 'GET', `/api/tasks/${summary.id}`);
  assert.equal(detail.status, 200, detail.text);
  assert.equal(detail.json.form.id, key);
  await renderForm(page, detail.json.form, detail.json.context);
  await fill(detail.json);
  // form-js debounces typing: what was typed reaches its data a moment later, and on a loaded machine
  // later still; wait the debounce out, then give a required field up to 10 s more to arrive
  await sleep(400);
  let submitted = await submit(page);
  for (let i = 0; i < 50 && Object.keys(submitted.errors).length > 0; i++) {
    await sleep(200);
    submitted = await submit(page);
  }
  await screenshot(page, 'forms', shot);
  const { data, errors } = submitted;
  assert.deepEqual(errors, {}, `${key}: form-js refuses its own submission ${JSON.stringify(errors)}`);
  const completed = await api(user, 'POST', `/api/tasks/${summary.id}/complete`, data);
  assert.equal(completed.status, 204, `${key} as ${user}: ${completed.text} for ${JSON.stringify(data)}`);
  done.add(key);
  assert.deepEqual(page.messages.filter(m => m.startsWith('pageerror') || m.startsWith('error')), []);
  return { detail: detail.json, data };
}

/** A field by its label as a person reads it (form-js adds a "*" to required ones). */
const labelled = label => new RegExp('^' + label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + '\\s*\\*?$');
const field = (label, nth = 0) => page.getByLabel(labelled(label)).nth(nth);
const text = () => page.locator('.fjs-form').innerText();

async function choose(label) {
  await page.getByLabel(labelled(label)).check();
}

/** form-js' select is its own dropdown: open it, click the option. */
async function select(label, option, nth = 0) {
  const select = page.locator('.fjs-form-field-select').filter({ has: page.locator('label', { hasText: labelled(label) }) }).nth(nth);
  await select.locator('.fjs-input-group').click();
  await page.locator('.fjs-dropdownlist-item', { hasText: option }).first().click();
}

async function addItem(listLabel) {
  const list = page.locator('.fjs-form-field-dynamiclist').filter({ has: page.locator('label', { hasText: labelled(listLabel) }) }).first();
  await list.locator('.fjs-repeat-render-add').click();
}

/** A submission the form refuses: it names the field, and nothing is posted. */
async function refused(fieldId) {
  await sleep(400);
  const { errors } = await submit(page);
  assert.ok(errors[fieldId], `expected form-js to refuse ${fieldId}: ${JSON.stringify(errors)}`);
}

test('acme-bank: a financial promotion is written, reviewed by legal and compliance, held by a freeze and published', async () => {
  const { contentIds: [contentId] } = await submitBrief('sam', {
    ...brief('acme-bank', 'financial-promotion', [{ platforms: ['linkedin', 'x'], publishAfter: fromNow(-60),
      publishBefore: fromNow(3 * 86400), creative: 'cleo' }]),
    mandatoryMentions: ['Capital at risk.']
  });
  const where = { contentId };

  // cleo's first draft breaks the policy; the form only shows her deliverable's platforms, each with its limit
  await work('cleo', 'create-content', where, async () => {
    const shown = await text();
    assert.match(shown, /Text on LinkedIn/);
    assert.match(shown, /Text on X/);
    assert.doesNotMatch(shown, /Text on Instagram/);
    assert.match(shown, /of 280 characters/);
    await field('Text on LinkedIn').fill('Guaranteed returns on your savings. Capital at risk.');
    await field('Text on X').fill('x'.repeat(281));
    await sleep(400);
    assert.match(await text(), /281 of 280 characters/);
    assert.match(await text(), /Over the limit of X by 1 characters/);
    await field('Text on X').fill('Open a savings account on x today. Capital at risk.');
  }, 'create-content-1-first-draft');

  // the check sends it back: the findings are shown and the draft is kept
  await work('cleo', 'create-content', where, async () => {
    assert.match(await text(), /banned term used/);
    assert.equal(await field('Text on X').inputValue(), 'Open a savings account on x today. Capital at risk.');
    await field('Text on LinkedIn').fill('Open a savings account on linkedin today. Capital at risk.');
    await field('Link (optional)', 0).fill('https://acme.example/savings');
    await addItem('Media');
    await field('File URL').fill('https://cdn.acme.example/savings.png');
    await field('SHA-256 checksum').fill(HASH_A);
    await select('Type', 'PNG image');
  }, 'create-content-2-findings-and-draft');

  const item = await content('cleo', contentId);
  assert.equal(item.status, 'IN_REVIEW');
  assert.deepEqual(item.currentRevision.variants.linkedin.media, [
    { url: 'https://cdn.acme.example/savings.png', sha256: HASH_A, type: 'image/png' }]);
  assert.equal(item.currentRevision.variants.linkedin.link, 'https://acme.example/savings');
  assert.equal(item.currentRevision.variants.x.link, undefined, 'an empty link is no link');
  const hash = item.currentRevision.hash;

  for (const [user, key] of [['sam', 'review-content'], ['lea', 'legal-review'], ['cora', 'compliance-review']]) {
    await work(user, key, where, async () => {
      const shown = await text();
      assert.match(shown, /Open a savings account on linkedin today/);
      assert.match(shown, /savings\.png/);
      assert.match(shown, /Fair fees/);
      if (key !== 'review-content') assert.match(shown, /financial-promotion|regulated-brand/);
      assert.equal(await field('Revision being judged (SHA-256)').inputValue(), hash);
      await choose('Approve');
      await field('Comment').fill(`Fine, ${user}`);
    });
  }
  assert.equal((await content('sam', contentId)).status, 'APPROVED');

  await work('sam', 'schedule-post', where, async () => {
    await field('Publish at').fill(fromNow(20));
  });
  assert.equal((await api('sam', 'POST', '/api/brands/acme-bank/freeze', {})).status, 204);
  await until('posts held by the freeze', async () =>
    (await content('sam', contentId)).publications?.filter(p => p.status === 'HELD').length === 2, 120);
  assert.equal((await api('sam', 'POST', '/api/brands/acme-bank/unfreeze', {})).status, 204);

  const held = await task('sam', 'confirm-held-post', where);
  const first = held.platform;
  await work('sam', 'confirm-held-post', where, async () => {
    await choose('Reschedule');
    await refused('Field_PublishAt');
    await field('Publish at').fill(fromNow(3));
  }, 'confirm-held-post-reschedule');
  await work('sam', 'confirm-held-post', where, async detail => {
    assert.notEqual(detail.platform, first);
    assert.equal(await page.getByLabel(labelled('Publish at')).count(), 0, 'no time asked for Publish now');
    await choose('Publish now');
  }, 'confirm-held-post-publish-now');
  await awaitStatus('sam', contentId, 'PUBLISHED');
});

test('nova-foods: the client asks to revise the brief, signs off, a failed post is resolved by hand and published', async () => {
  const { briefId, contentIds: [contentId] } = await submitBrief('sam', brief('nova-foods', 'standard',
    [{ platforms: ['threads', 'pinterest'], publishAfter: fromNow(-60), publishBefore: fromNow(3 * 86400) }]));

  await work('nina', 'approve-brief', { briefId }, async () => {
    assert.match(await text(), /Spring campaign \(nova-foods\)/);
    await choose('Request changes');
    await field('Comment').fill('Say that the granola is vegan');
  }, 'approve-brief-1-request-changes');

  await work('sam', 'revise-brief', { briefId }, async () => {
    assert.match(await text(), /Say that the granola is vegan/);
    assert.equal(await field('Title').inputValue(), 'Spring campaign (nova-foods)');
    await field('Title').fill('Vegan granola, spring');
    await addItem('Key messages');
    await field('Key message', 2).fill('100% plant-based');
    await select('Category', 'Sponsored');
  });

  await work('nina', 'approve-brief', { briefId }, async () => {
    const shown = await text();
    assert.match(shown, /Vegan granola, spring/);
    assert.match(shown, /100% plant-based/);
    await choose('Approve');
  }, 'approve-brief-2-approve');

  await work('sam', 'assign-creative', { contentId }, async () => {
    await field('Creative (user id)').fill('felix');
  });

  await work('felix', 'create-content', { contentId }, async () => {
    assert.doesNotMatch(await text(), /Text on LinkedIn/);
    await field('Text on Threads').fill('Our granola is 100% plant-based. #vegan');
    await field('Text on Pinterest').fill('Vegan granola\nCrunchy, plant-based and made for spring mornings.');
    await addItem('Media');
    await field('File URL').fill('https://cdn.nova.example/granola.jpg');
    await field('SHA-256 checksum').fill(HASH_A);
    await select('Type', 'JPEG image');
  }, 'create-content-3-two-platforms');

  await work('sam', 'review-content', { contentId }, async () => { await choose('Approve'); }, 'review-content-nova');
  await work('nina', 'client-approval', { contentId }, async () => {
    assert.match(await text(), /granola\.jpg/);
    await choose('Approve');
  });
  await work('sam', 'schedule-post', { contentId }, async () => {
    await field('Publish at').fill(fromNow(5).replace('Z', ''));
    await field('Time zone (IANA, e.g. Europe/Paris)').fill('UTC');
  }, 'schedule-post-local-time');

  // the sandbox refuses every pinterest post of nova-foods (clearpost.connectors.sandbox.failures)
  await work('sam', 'resolve-publication', { contentId }, async () => {
    await choose('I posted it by hand');
    await refused('Field_Url');
    await field('URL of the post made by hand').fill('https://www.pinterest.com/pin/123456/');
  });
  const published = await awaitStatus('sam', contentId, 'PUBLISHED');
  assert.deepEqual(published.publications.map(p => p.status).sort(), ['PUBLISHED', 'PUBLISHED']);
});

test('nova-foods: an expired window is extended and the post published', async () => {
  const { briefId, contentIds: [contentId] } = await submitBrief('sam', brief('nova-foods', 'standard',
    [{ platforms: ['threads'], publishAfter: fromNow(-60), publishBefore: fromNow(45), creative: 'felix' }]));
  // the way to scheduling by plain API calls; the window closes while schedule-post waits
  const complete = async (user, key, where, values) => {
    const t = await task(user, key, where);
    const r = await api(user, 'POST', `/api/tasks/${t.id}/complete`, values);
    assert.equal(r.status, 204, r.text);
  };
  await complete('nina', 'approve-brief', { briefId }, { decision: 'APPROVE' });
  await complete('felix', 'create-content', { contentId }, { variants: { threads: { text: 'Granola for spring.' } } });
  const hash = (await content('felix', contentId)).currentRevision.hash;
  await complete('sam', 'review-content', { contentId }, { decision: 'APPROVE', revisionHash: hash });
  await complete('nina', 'client-approval', { contentId }, { decision: 'APPROVE', revisionHash: hash });
  await awaitStatus('sam', contentId, 'EXPIRED', 120);

  await work('sam', 'extend-window', { contentId }, async () => {
    await choose('Extend the window');
    await refused('Field_PublishBefore');
    await field('New end of the window').fill(fromNow(2 * 86400));
  });
  await work('sam', 'schedule-post', { contentId }, async () => {
    await field('Publish at').fill(fromNow(3));
  }, 'schedule-post-after-extension');
  await awaitStatus('sam', contentId, 'PUBLISHED');
});

test('acme-bank: a crisis is triaged, its statement drafted from a playbook, sent back, signed off, published and closed', async () => {
  // in peace time: sam writes a playbook, lea (legal) approves its texts
  const written = await api('sam', 'POST', '/api/brands/acme-bank/playbooks', {
    scenario: 'card-outage', title: 'Card outage', placeholders: ['since'],
    statement: {
      linkedin: { text: 'Card payments fail since {{since}}. Your money is safe.' },
      x: { text: 'Card payments fail since {{since}}. Your money is safe.' }
    },
    replies: [{ name: 'money', text: 'Your money is safe; payments fail since {{since}}.' }]
  });
  assert.equal(written.status, 201, written.text);
  const playbookId = written.json.id;
  const approved = await api('lea', 'POST', `/api/brands/acme-bank/playbooks/${playbookId}/approvals`,
    { decision: 'APPROVE', comment: 'ok', revisionHash: written.json.hash });
  assert.equal(approved.status, 200, approved.text);

  const declared = await api('sam', 'POST', '/api/crises', {
    brand: 'acme-bank', summary: 'Card payments fail since 09:00', legalRisk: true, safetyRisk: false,
    pressCoverage: true, reach: 250000, mentionsPerHour: 900, platforms: ['linkedin', 'x'],
    signals: [{ url: 'https://x.com/someone/status/1', note: 'viral thread' }]
  });
  assert.equal(declared.status, 201, declared.text);
  const crisisId = declared.json.id;
  const where = { crisisId };

  await work('lea', 'triage-crisis', where, async detail => {
    assert.match(await text(), /Card payments fail since 09:00/);
    assert.ok(detail.context.suggestedSeverity >= 1, JSON.stringify(detail.context));
    await field('Severity').fill('3');
    await field('Comment').fill('Press and legal exposure');
  });
  assert.equal((await crisis('sam', crisisId)).frozen, true, 'severity 3 freezes the brand');

  // the first draft starts from the playbook but changes a text: legal has to see it, and asks for changes
  await work('sam', 'draft-holding-statement', where, async () => {
    const shown = await text();
    assert.doesNotMatch(shown, /Statement on Facebook/);
    // the approved playbook's texts are on the form, placeholders and replies with them
    assert.match(shown, /Card outage \(card-outage, revision 1\)/);
    assert.match(shown, /linkedin: Card payments fail since \{\{since\}\}\. Your money is safe\./);
    assert.match(shown, /reply "money": Your money is safe; payments fail since \{\{since\}\}\./);
    await select('Playbook (optional)', 'Card outage');
    await field('Placeholder values').fill('{"since": "09:00"}');
    await field('Statement on LinkedIn').fill('Card payments fail since 09:00. Your money is safe. Sorry!');
    await field('Statement on X').fill('Card payments fail since 09:00. Your money is safe.');
    await addItem('Replies for moderators (optional)');
    await field('Reply name').fill('cards');
    await field('Reply text').fill('Your card works again as soon as payments resume.');
  }, 'draft-holding-statement-1-changed');
  await work('lea', 'approve-holding-statement', where, async () => {
    const shown = await text();
    assert.match(shown, /Sorry!/);
    assert.match(shown, /Replies for moderators, approved with this revision/);
    assert.match(shown, /cards: Your card works again as soon as payments resume\./);
    assert.match(shown, /money: Your money is safe; payments fail since 09:00\./);
    await choose('Request changes');
    await field('Comment').fill('Keep to the approved text');
  });
  await work('omar', 'communications-sign-off', where, async () => {
    await choose('Approve');
  }, 'communications-sign-off-1');

  // the redraft keeps the playbook and its values; the texts are the playbook's, only the placeholder filled
  await work('sam', 'draft-holding-statement', where, async () => {
    assert.match(await text(), /Keep to the approved text/);
    assert.equal(JSON.parse(await field('Placeholder values').inputValue()).since, '09:00');
    await field('Statement on LinkedIn').fill('Card payments fail since 09:00. Your money is safe.');
    // the reply written last time is back; dropped, so that the statement is the playbook's alone again
    assert.equal(await field('Reply name').inputValue(), 'cards');
    await page.locator('.fjs-repeat-row-remove').first().click();
    assert.equal(await page.getByLabel(labelled('Reply name')).count(), 0);
  }, 'draft-holding-statement-2-playbook-unchanged');
  await work('omar', 'communications-sign-off', where, async () => {
    assert.match(await text(), /Your money is safe/);
    await choose('Approve');
  }, 'communications-sign-off-2');
  const legal = await api('lea', 'GET', '/api/tasks?key=approve-holding-statement&size=100');
  assert.equal(legal.json.filter(t => t.crisisId === crisisId).length, 0, 'an unchanged playbook text skips legal');

  const published = await awaitCrisis('sam', crisisId, 'statement published',
    c => c.statement?.publications?.length === 2 && c.statement.publications.every(p => p.status === 'PUBLISHED'));
  assert.equal(published.frozen, true, 'published during the freeze');
  assert.deepEqual(published.replies.map(r => r.text), ['Your money is safe; payments fail since 09:00.']);

  await work('sam', 'resolve-crisis', where, async () => {
    await field('Summary').fill('Payments restored at 11:40');
  });
  assert.equal((await crisis('sam', crisisId)).frozen, false, 'resolving lifts the freeze');
  await work('omar', 'post-mortem', where, async () => {
    await field('What happened').fill('A processor outage');
    await field('What worked').fill('The playbook: statement out in minutes');
    await addItem('Actions');
    await field('Action').fill('A second processor');
  });
  const closed = await crisis('sam', crisisId);
  assert.equal(closed.status, 'CLOSED');
  assert.deepEqual(closed.postMortem.actions, ['A second processor']);
});

test('every user task key was rendered, filled and accepted', async () => {
  assert.deepEqual([...done].sort(), ['approve-brief', 'approve-holding-statement', 'assign-creative',
    'client-approval', 'communications-sign-off', 'compliance-review', 'confirm-held-post', 'create-content',
    'draft-holding-statement', 'extend-window', 'legal-review', 'post-mortem', 'resolve-crisis',
    'resolve-publication', 'review-content', 'revise-brief', 'schedule-post', 'triage-crisis']);
});
