// The 9790th meeting of the Security Council (20 November 2024), played live in real headless
// Chromium against a running `council serve`: the President puts draft S/2024/835 to the
// vote from the console, fifteen delegation pages (one browser context each, some with a
// phone's viewport) each tap their vote, the President closes the vote, and the public board,
// never reloaded, must show 14-1-0 and the veto in the President's words.
//
// Environment:
//   COUNCIL_URL  base URL of the running server, e.g. http://127.0.0.1:8080 (required)
//   SCREENSHOT   where to save a PNG of the board at the end (required)
//   CHROMIUM     the browser to drive (default: Debian's /usr/bin/chromium)
//
// Exits 0 when every check passes; otherwise prints `s2024_835: FAIL: <what>` and exits 1.
// Run by crates/council-cli/tests/it/browser.rs; install with `bash .ci/run` or
// `npm ci --prefix crates/council-cli/tests/browser` and `apt-get install chromium`.

import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

const BASE = (process.env.COUNCIL_URL || '').replace(/\/+$/, '');
const SCREENSHOT = process.env.SCREENSHOT || '';
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const STEP_TIMEOUT = 20_000;
const TOTAL_TIMEOUT = 240_000;

const SYMBOL = 'S/2024/835';
const SPONSORS = ['DZA', 'ECU', 'GUY', 'JPN', 'MLT', 'MOZ', 'KOR', 'SLE', 'SVN', 'CHE'];
const OP1 = 'demands an immediate, unconditional and permanent ceasefire to be respected by all parties; ' +
  'and further reiterates its demand for the immediate and unconditional release of all hostages';
// The votes of 20 November 2024 (S/PV.9790): fourteen in favour, the United States against.
const MEMBERS = ['DZA', 'CHN', 'ECU', 'FRA', 'GUY', 'JPN', 'MLT', 'MOZ', 'KOR', 'RUS', 'SLE', 'SVN', 'CHE', 'GBR', 'USA'];
const VOTES = Object.fromEntries(MEMBERS.map((code) => [code, code === 'USA' ? 'no' : 'yes']));
// Delegations that vote from a phone.
const PHONES = new Set(['GUY', 'USA', 'SLE', 'MOZ']);
// The President's words are "The draft resolution has not been adopted, owing to the negative
// vote of a permanent member of the Council."
const VETO_WORDS = /not (been )?adopted, owing to the negative vote of a permanent member/;

class Failure extends Error {}

function log(message) {
  process.stdout.write('s2024_835: ' + message + '\n');
}

function check(condition, message) {
  if (!condition) throw new Failure(message);
}

/** Calls the server's API directly (for what the test sets up outside the browser). */
async function api(method, path, { key, body, expect = 200 } = {}) {
  const headers = { Accept: 'application/json' };
  if (key) headers.Authorization = 'Bearer ' + key;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(BASE + path, {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(STEP_TIMEOUT),
    });
  } catch (error) {
    if (error.name === 'TimeoutError') throw new Failure(`${method} ${path}: no answer from ${BASE} within ${STEP_TIMEOUT / 1000} s`);
    throw new Failure(`${method} ${path}: the server at ${BASE} cannot be reached (${error.cause ? error.cause.message : error.message})`);
  }
  const text = await response.text();
  const expected = Array.isArray(expect) ? expect : [expect];
  check(expected.includes(response.status),
    `${method} ${path}${body ? ' ' + JSON.stringify(body) : ''}: expected HTTP ${expected.join(' or ')}, got ${response.status}: ${text.slice(0, 500)}`);
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    throw new Failure(`${method} ${path}: the answer is not JSON: ${text.slice(0, 200)}`);
  }
}

/** Waits until `page`'s element `selector` has text for which `accept(text)` holds. */
async function waitText(page, selector, accept, what) {
  const until = Date.now() + STEP_TIMEOUT;
  let actual = 'no such element';
  for (;;) {
    const text = await page.evaluate((s) => {
      const node = document.querySelector(s);
      return node ? node.textContent.trim() : null;
    }, selector).catch(() => null);
    if (text !== null) {
      actual = JSON.stringify(text);
      if (accept(text)) return text;
    }
    if (Date.now() > until) {
      throw new Failure(`${what}: waited ${STEP_TIMEOUT / 1000} s on ${page.url().replace(/#.*/, '')} for ${selector}; it shows ${actual}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function main() {
  check(BASE, 'COUNCIL_URL is not set: give the base URL of a running `council serve`');
  check(SCREENSHOT, 'SCREENSHOT is not set: give the path of the PNG to write');
  check(existsSync(CHROMIUM), `no browser at ${CHROMIUM}: run \`bash .ci/run\` or \`apt-get install chromium\``);

  // The meeting, as the home page's form would create it.
  const created = await api('POST', '/api/meetings', {
    body: {
      date: '2024-11-20',
      meeting_number: 9790,
      agenda: ['The situation in the Middle East, including the Palestinian question'],
    },
    expect: 201,
  });
  check(created && typeof created.id === 'string', 'POST /api/meetings answered no meeting id');
  const links = created.links || [];
  const president = links.find((l) => l.role === 'president');
  const board = links.find((l) => l.role === 'board');
  const delegations = Object.fromEntries(links.filter((l) => l.role === 'delegation').map((l) => [l.member, l]));
  check(president && president.key, 'the creation answer has no President link with a key');
  check(board, 'the creation answer has no board link');
  for (const code of MEMBERS) check(delegations[code] && delegations[code].key, `the creation answer has no delegation link for ${code}`);
  check(Object.keys(delegations).length === 15, `expected 15 delegation links, got ${Object.keys(delegations).length}`);
  const meeting = '/api/meetings/' + encodeURIComponent(created.id);
  log(`meeting ${created.id} created`);

  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // This machine has no network but loopback: keep Chromium from calling home.
    args: ['--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  const problems = [];
  const pages = [];
  async function open(label, path, options = {}) {
    const context = await browser.newContext(options);
    const page = await context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT);
    page.on('pageerror', (error) => problems.push(`${label}: uncaught ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' && /Refused to|Content Security Policy/i.test(message.text())) {
        problems.push(`${label}: ${message.text()}`);
      }
    });
    const response = await page.goto(BASE + path);
    check(response && response.ok(), `${label}: GET ${path.replace(/#.*/, '')} answered ${response ? response.status() : 'nothing'}`);
    pages.push({ label, page });
    return page;
  }

  let boardPage = null;
  try {
    // The board, on a projector; it is never reloaded from here on.
    boardPage = await open('board', board.path, { viewport: { width: 1600, height: 900 } });
    let boardLoads = 0;
    boardPage.on('framenavigated', (frame) => {
      if (frame === boardPage.mainFrame()) boardLoads += 1;
    });
    await boardPage.waitForFunction((n) => document.querySelectorAll('[data-seat]').length === n, MEMBERS.length);
    await boardPage.evaluate(() => {
      window.__councilNeverReloaded = true;
    });
    log('board open, 15 seats');

    // The President's console: the agenda is adopted there, by a click.
    const consolePage = await open('console', president.path, { viewport: { width: 1280, height: 1000 } });
    await consolePage.getByTestId('adopt-agenda').click();
    await waitText(consolePage, '#agenda-status', (t) => t === 'adopted', 'the console shows the agenda adopted');
    const afterAgenda = await api('GET', meeting);
    check(afterAgenda.agenda_status === 'adopted', `the agenda is ${afterAgenda.agenda_status} after the click, not adopted`);
    log('agenda adopted from the console');

    // Guyana moves the elected members' draft and puts it in blue, through the API.
    const guyana = delegations.GUY.key;
    await api('POST', meeting + '/commands', {
      key: guyana,
      body: { command: 'submit_draft', symbol: SYMBOL, sponsors: SPONSORS, paragraphs: [{ label: 'OP1', text: OP1 }] },
    });
    await api('POST', meeting + '/commands', { key: guyana, body: { command: 'put_in_blue', draft: SYMBOL } });
    log(`${SYMBOL} submitted by Guyana and put in blue`);

    // Fifteen delegations, each in its own browser context, some on a phone.
    const delegationPages = {};
    await Promise.all(MEMBERS.map(async (code) => {
      const phone = PHONES.has(code);
      const options = phone
        ? { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true }
        : { viewport: { width: 1024, height: 800 } };
      const page = await open(`delegation ${code}`, delegations[code].path, options);
      await waitText(page, '#member-name', (t) => t.length > 0 && t !== 'Loading…', `the ${code} page names its member`);
      delegationPages[code] = page;
    }));
    for (const code of MEMBERS) {
      const shown = (await delegationPages[code].textContent('#member-name')).trim();
      check(shown === delegations[code].name, `the ${code} page names ${JSON.stringify(shown)}, not ${JSON.stringify(delegations[code].name)}`);
    }
    await waitText(delegationPages.USA, '#draft-text', (t) => t.includes('immediate, unconditional and permanent ceasefire'),
      'the delegation page has the draft text at hand');
    log('15 delegation pages open');

    // The President puts the draft to the vote, choosing it in the console.
    await consolePage.waitForFunction((symbol) => Array.from(document.querySelectorAll('[data-testid="vote-item"] option'))
      .some((o) => { try { const v = JSON.parse(o.value); return v.item === 'draft' && v.draft === symbol; } catch { return false; } }), SYMBOL);
    const itemValue = await consolePage.evaluate((symbol) => Array.from(document.querySelectorAll('[data-testid="vote-item"] option'))
      .find((o) => { try { const v = JSON.parse(o.value); return v.item === 'draft' && v.draft === symbol; } catch { return false; } }).value, SYMBOL);
    await consolePage.getByTestId('vote-item').selectOption(itemValue);
    await consolePage.getByTestId('put-to-vote').click();
    await waitText(boardPage, '[data-testid="tally"]', (t) => t === '0-0-0', 'the board shows the vote open at 0-0-0');
    log(`${SYMBOL} put to the vote from the console`);

    // Japan's first answer is lost on the way back (the vote reaches the server, the
    // connection drops): its page must send the same vote again with the same
    // Idempotency-Key, and the server must count it once.
    const japanKeys = [];
    await delegationPages.JPN.route('**/api/meetings/*/commands', async (route) => {
      const request = route.request();
      japanKeys.push(request.headers()['idempotency-key'] || null);
      if (japanKeys.length === 1) {
        await route.fetch();
        await route.abort('connectionreset');
      } else {
        await route.continue();
      }
    });

    // Every delegation taps its vote, all at once.
    await Promise.all(MEMBERS.map(async (code) => {
      const page = delegationPages[code];
      const button = page.getByTestId(VOTES[code] === 'no' ? 'vote-no' : 'vote-yes');
      if (PHONES.has(code)) await button.tap();
      else await button.click();
      const words = VOTES[code] === 'no' ? 'against' : 'in favour';
      await waitText(page, '[data-testid="my-vote"]', (t) => /recorded/.test(t), `${code} sees its vote confirmed`);
      const confirmation = (await page.textContent('[data-testid="my-vote"]')).trim();
      check(confirmation.includes(words), `${code} voted ${words} but its page says ${JSON.stringify(confirmation)}`);
      check(await page.getByTestId('vote-yes').isDisabled(), `${code}'s vote buttons are still enabled after its vote`);
    }));
    for (const until = Date.now() + STEP_TIMEOUT; japanKeys.length < 2 && Date.now() < until;) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    check(japanKeys.length >= 2, `Japan's page did not send its vote again after the lost answer (${japanKeys.length} request)`);
    check(japanKeys[0] && /^[0-9a-f-]{36}$/i.test(japanKeys[0]), `Japan's vote was sent without a UUID Idempotency-Key (${JSON.stringify(japanKeys[0])})`);
    check(japanKeys.every((k) => k === japanKeys[0]), `Japan's retry used another Idempotency-Key: ${JSON.stringify(japanKeys)}`);
    log(`15 votes cast and confirmed (Japan's answer lost once, its vote sent again under the same Idempotency-Key)`);

    await waitText(boardPage, '[data-testid="tally"]', (t) => t === '14-1-0', 'the board counts the votes live');
    await waitText(consolePage, '[data-testid="cast-count"]', (t) => t.startsWith('15 of 15'), 'the console counts 15 votes');
    await consolePage.getByTestId('close-vote').click();
    log('vote closed from the console');

    // The board, never reloaded, shows the outcome.
    await waitText(boardPage, '[data-testid="outcome"]', (t) => VETO_WORDS.test(t), 'the board announces the veto');
    await waitText(boardPage, '[data-testid="tally"]', (t) => t === '14-1-0', 'the board shows the recorded tally');
    const seats = await boardPage.evaluate(() => Object.fromEntries(Array.from(document.querySelectorAll('[data-seat]'))
      .map((seat) => [seat.getAttribute('data-seat'), seat.getAttribute('data-position')])));
    check(seats.USA === 'no', `the board's USA seat shows data-position=${JSON.stringify(seats.USA)}, not "no"`);
    for (const code of MEMBERS) {
      check(seats[code] === VOTES[code], `the board's ${code} seat shows ${JSON.stringify(seats[code])}, not ${VOTES[code]}`);
    }
    await waitText(boardPage, '#status', (t) => t === 'Live', 'the board is connected to the live events');
    check(boardLoads === 0 && await boardPage.evaluate(() => window.__councilNeverReloaded === true),
      'the board was reloaded or navigated during the meeting');

    // The record behind the board agrees.
    const after = await api('GET', meeting);
    const last = (after.votes || [])[after.votes.length - 1];
    check(last && last.tally && last.tally.yes === 14 && last.tally.no === 1 && last.tally.abstain === 0,
      `the view's last vote is ${JSON.stringify(last && last.tally)}, not 14-1-0`);
    if (last.general_assembly_debate_by) {
      await waitText(boardPage, '#ga-debate', (t) => t.length > 0, 'the board shows the General Assembly debate deadline');
    }
    const japan = (last.ballot || []).filter((entry) => entry.member === 'JPN');
    check(japan.length === 1 && japan[0].position === 'yes', `Japan appears ${japan.length} times in the ballot: ${JSON.stringify(japan)}`);
    const draft = (after.drafts || []).find((d) => d.symbol === SYMBOL);
    check(draft && draft.status === 'vetoed', `${SYMBOL} is ${draft ? draft.status : 'missing'} in the view, not vetoed`);
    check(problems.length === 0, 'the pages reported errors:\n  ' + problems.join('\n  '));

    await boardPage.waitForTimeout(700); // let the seats' colour transition end
    await boardPage.screenshot({ path: SCREENSHOT });
    log(`board shows 14-1-0 and "not adopted, owing to the negative vote of a permanent member"; screenshot at ${SCREENSHOT}`);
  } catch (error) {
    if (boardPage && SCREENSHOT) {
      await boardPage.screenshot({ path: SCREENSHOT.replace(/(\.png)?$/, '.failure.png') }).catch(() => {});
    }
    if (problems.length) error.message += '\npage errors:\n  ' + problems.join('\n  ');
    throw error;
  } finally {
    await browser.close();
  }
}

const deadline = setTimeout(() => {
  process.stderr.write(`s2024_835: FAIL: the test did not finish within ${TOTAL_TIMEOUT / 1000} s\n`);
  process.exit(1);
}, TOTAL_TIMEOUT);

main().then(() => {
  clearTimeout(deadline);
  log('ok');
  process.exit(0);
}, (error) => {
  clearTimeout(deadline);
  const message = error instanceof Failure ? error.message : (error && error.stack) || String(error);
  process.stderr.write('s2024_835: FAIL: ' + message + '\n');
  process.exit(1);
});
