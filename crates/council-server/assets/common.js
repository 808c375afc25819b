// council: what every page shares. Plain browser JavaScript, no framework and no build step;
// served same-origin from /assets/ so the pages run under `Content-Security-Policy:
// default-src 'self'` (no inline script, style or handler anywhere).
//
// A page learns its meeting from the path (/m/{id}/board) and its key from the fragment
// (#key=...), which browsers never send to the server. State is the meeting's view
// (GET /api/meetings/{id}); live updates come from Server-Sent Events, and on each one the
// page re-reads the view and renders it again.
'use strict';

window.Council = (function () {
  /** Every kind of meeting event the server may send as an SSE `event:` name. */
  const EVENT_KINDS = [
    'meeting_opened', 'agenda_adopted', 'agenda_not_adopted', 'participant_invited',
    'draft_submitted', 'amendment_submitted', 'separate_vote_requested',
    'separate_vote_objected_to', 'draft_withdrawn', 'draft_put_in_blue', 'draft_co_sponsored',
    'vote_requested', 'draft_revised', 'draft_taken_over', 'procedural_character_disputed',
    'vote_explained', 'speaker_inscribed', 'floor_given', 'voting_opened', 'vote_cast',
    'vote_taken', 'priority_given', 'procedural_character_decided', 'draft_amended',
    'paragraph_removed', 'statement_circulated', 'statement_objected_to',
    'statement_dissociated_from', 'silence_broken', 'statement_concluded', 'meeting_closed',
    'message',
  ];

  const POSITION_WORDS = {
    yes: 'In favour',
    no: 'Against',
    abstain: 'Abstaining',
    not_participating: 'Not participating',
    absent: 'Absent',
    none: 'Not voted',
  };

  /** The meeting id in `/m/{id}/...`, or null on other pages. */
  function meetingId() {
    const match = location.pathname.match(/^\/m\/([^/]+)/);
    return match ? decodeURIComponent(match[1]) : null;
  }

  /** The key in the fragment (`#key=...`), or null. */
  function key() {
    const hash = location.hash.replace(/^#/, '');
    return new URLSearchParams(hash).get('key');
  }

  /** An error from the API (`status` 0 when the server could not be reached). */
  class ApiError extends Error {
    constructor(status, code, message, rejection) {
      super(message);
      this.status = status;
      this.code = code;
      this.rejection = rejection || null;
    }

    /** Whether the same request may simply be sent again. */
    get retryable() {
      return this.status === 0 || this.status === 503 || this.status === 502 || this.status === 504;
    }
  }

  /**
   * Calls the API. `options.key` is sent as a bearer token, `options.body` as JSON,
   * `options.headers` as extra headers. Resolves to the parsed answer (null for 204),
   * rejects with an ApiError carrying the server's `error.message`.
   */
  async function api(method, path, options) {
    const opts = options || {};
    const headers = { Accept: 'application/json' };
    if (opts.key) headers.Authorization = 'Bearer ' + opts.key;
    if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
    Object.assign(headers, opts.headers || {});
    let response;
    try {
      response = await fetch(path, {
        method,
        headers,
        body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
        cache: 'no-store',
        credentials: 'same-origin',
      });
    } catch (_networkError) {
      throw new ApiError(0, 'network', 'the server cannot be reached: check the connection and try again');
    }
    const text = await response.text();
    let data = null;
    if (text) {
      try {
        data = JSON.parse(text);
      } catch (_notJson) {
        data = null;
      }
    }
    if (!response.ok) {
      const error = data && data.error ? data.error : {};
      throw new ApiError(
        response.status,
        error.code || 'http_' + response.status,
        error.message || 'the server answered ' + response.status + ' ' + response.statusText,
        error.rejection,
      );
    }
    return data;
  }

  /** Sends a command to the meeting. */
  function command(id, body, options) {
    const opts = options || {};
    return api('POST', '/api/meetings/' + encodeURIComponent(id) + '/commands', {
      key: opts.key,
      body,
      headers: opts.idempotencyKey ? { 'Idempotency-Key': opts.idempotencyKey } : undefined,
    });
  }

  /** A random UUID; crypto.randomUUID needs a secure context, getRandomValues does not. */
  function uuid() {
    if (window.crypto && typeof window.crypto.randomUUID === 'function') {
      return window.crypto.randomUUID();
    }
    const bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
    return hex.slice(0, 8) + '-' + hex.slice(8, 12) + '-' + hex.slice(12, 16) + '-' +
      hex.slice(16, 20) + '-' + hex.slice(20);
  }

  /**
   * Follows a meeting: calls `render(view)` with the view now and after every event.
   * Fetches are serialised and debounced, and an older view never replaces a newer one.
   * `key` (optional) reads meetings that are not public (closed consultations, whose event
   * stream takes it as `?key=`). `onStatus(text, live)` hears about the connection. While
   * the event stream is down, the view is polled every two seconds.
   * Returns `{ refresh }`.
   */
  function follow(id, render, onStatus, key) {
    const status = onStatus || function () {};
    const viewPath = '/api/meetings/' + encodeURIComponent(id);
    let lastSeq = -1;
    let inFlight = false;
    let again = false;
    let timer = null;
    let streaming = false;

    async function load() {
      if (inFlight) {
        again = true;
        return;
      }
      inFlight = true;
      try {
        const view = await api('GET', viewPath, { key: key || undefined });
        if (view && typeof view.seq === 'number' && view.seq >= lastSeq) {
          lastSeq = view.seq;
          render(view);
        }
        if (view && source === null) {
          // Closed consultations are not public: their events need the key, which an
          // EventSource can send only in the query. Public meetings never put it there.
          connect(view.format === 'closed_consultations' && key ? key : null);
        }
      } catch (error) {
        status(error.status === 404 ? 'No such meeting.' : 'Cannot read the meeting: ' + error.message, false, error);
      } finally {
        inFlight = false;
        if (again) {
          again = false;
          schedule(0);
        }
      }
    }

    function schedule(delay) {
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = null;
        load();
      }, delay);
    }

    let source = null;
    let streamKey = null;
    function connect(withKey) {
      if (withKey !== undefined) streamKey = withKey;
      if (typeof EventSource !== 'function') {
        source = false;
        status('Refreshing every two seconds (this browser has no live updates).', false);
        return;
      }
      source = new EventSource(viewPath + '/events' + (streamKey ? '?key=' + encodeURIComponent(streamKey) : ''));
      const onEvent = () => schedule(120);
      for (const kind of EVENT_KINDS) source.addEventListener(kind, onEvent);
      source.addEventListener('open', () => {
        streaming = true;
        status('Live', true);
        schedule(0);
      });
      source.addEventListener('error', () => {
        streaming = false;
        if (source.readyState === EventSource.CLOSED) {
          status('Live updates interrupted; refreshing every two seconds.', false);
          source.close();
          setTimeout(connect, 15000);
        } else {
          status('Reconnecting…', false);
        }
      });
    }

    load();
    // A safety net: events of a kind not listed above, and any time the stream is down.
    let ticks = 0;
    setInterval(() => {
      ticks += 1;
      if (!document.hidden && (!streaming || ticks % 5 === 0)) schedule(0);
    }, 2000);
    document.addEventListener('visibilitychange', () => {
      if (!document.hidden) schedule(0);
    });
    return { refresh: () => schedule(0) };
  }

  /**
   * Makes an element: `el('p', {class: 'x', 'data-testid': 'y'}, 'text', child)`. Text is
   * always set as text, never parsed as HTML.
   */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (name === 'text') node.textContent = value;
      else if (name === 'onclick') node.addEventListener('click', value);
      else if (name === 'onsubmit') node.addEventListener('submit', value);
      else if (name === 'onchange') node.addEventListener('change', value);
      else node.setAttribute(name, value === true ? '' : String(value));
    }
    append(node, children);
    return node;
  }

  function append(node, children) {
    for (const child of children) {
      if (child === null || child === undefined || child === false) continue;
      if (Array.isArray(child)) append(node, child);
      else if (child instanceof Node) node.appendChild(child);
      else node.appendChild(document.createTextNode(String(child)));
    }
  }

  /** Replaces the children of `node`. */
  function fill(node, ...children) {
    node.replaceChildren();
    append(node, children);
    return node;
  }

  /** Sets text only when it changed, so live regions announce changes only. */
  function setText(node, text) {
    if (node && node.textContent !== text) node.textContent = text;
  }

  const $ = (selector, root) => (root || document).querySelector(selector);

  /** "2024-11-20" as "Wednesday, 20 November 2024". */
  function longDate(iso) {
    if (!iso) return '';
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
    if (!match) return iso;
    const date = new Date(Date.UTC(+match[1], +match[2] - 1, +match[3]));
    return date.toLocaleDateString('en-GB', {
      timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric',
    });
  }

  /** A tally as the Council reads it: yes-no-abstain, "14-1-0". */
  function tallyText(tally) {
    return (tally.yes || 0) + '-' + (tally.no || 0) + '-' + (tally.abstain || 0);
  }

  /** Counts the positions in a list of `{member, position}`. */
  function count(cast) {
    const tally = { yes: 0, no: 0, abstain: 0, not_participating: 0, absent: 0 };
    for (const entry of cast || []) {
      if (entry.position in tally) tally[entry.position] += 1;
    }
    return tally;
  }

  /** The position of `member` in a list of `{member, position}`, or 'none'. */
  function positionOf(list, member) {
    const entry = (list || []).find((e) => e.member === member);
    return entry ? entry.position : 'none';
  }

  /** The last recorded vote, or null. */
  function lastVote(view) {
    return view.votes && view.votes.length ? view.votes[view.votes.length - 1] : null;
  }

  /** Names of members and invited States by code. */
  function names(view) {
    const map = {};
    for (const invitation of view.invitations || []) {
      if (invitation.code) map[invitation.code] = invitation.participant;
    }
    for (const member of view.members || []) map[member.code] = member.name;
    return map;
  }

  /** A short form of a State's name for tight places. */
  function shortName(name) {
    return String(name || '')
      .replace(/ of Great Britain and Northern Ireland$/, '')
      .replace(/^United States of America$/, 'United States')
      .replace(/ \(Bolivarian Republic of\)$/, '')
      .replace(/ \(Plurinational State of\)$/, '')
      .replace(/ \(Islamic Republic of\)$/, '');
  }

  /** A vote item in words. */
  function itemLabel(item) {
    if (!item) return '';
    switch (item.item) {
      case 'agenda': return 'the provisional agenda';
      case 'draft': return 'draft resolution ' + item.draft;
      case 'amendment': return 'amendment ' + item.amendment;
      case 'paragraph': return 'paragraph ' + item.paragraph + ' of draft ' + item.draft;
      case 'priority': return 'priority for draft ' + item.draft;
      case 'preliminary_question': return 'the preliminary question on draft ' + item.draft;
      default: return JSON.stringify(item);
    }
  }

  /** The draft a vote item concerns, if any. */
  function draftOfItem(view, item) {
    if (!item) return null;
    let symbol = item.draft;
    if (!symbol && item.item === 'amendment') {
      const amendment = (view.amendments || []).find((a) => a.id === item.amendment);
      symbol = amendment ? amendment.draft : null;
    }
    return (view.drafts || []).find((d) => d.symbol === symbol) || null;
  }

  /** Shows a page-level error in the page's `role="alert"` area. */
  function showError(node, error) {
    const message = error && error.message ? error.message : String(error);
    node.textContent = message.charAt(0).toUpperCase() + message.slice(1);
    node.hidden = false;
  }

  function clearError(node) {
    node.textContent = '';
    node.hidden = true;
  }

  return {
    ApiError, api, command, uuid, follow, el, fill, setText, $, longDate, tallyText, count,
    positionOf, lastVote, names, shortName, itemLabel, draftOfItem, showError, clearError,
    meetingId, key, POSITION_WORDS,
  };
})();
