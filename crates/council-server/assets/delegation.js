// council: a delegation's page, phone first. The key in the fragment says who this is
// (GET /me); the delegation acts only as itself. One tap votes: the vote is sent with an
// Idempotency-Key that is reused if the same tap has to be sent again, so a retry after a
// lost answer never counts twice.
'use strict';

(function () {
  const C = window.Council;
  const id = C.meetingId();
  const key = C.key();
  const errorBox = C.$('#error');
  const buttons = Array.from(document.querySelectorAll('.vote-buttons button'));
  const VOTE_WORDS = {
    yes: 'in favour', no: 'against', abstain: 'abstention', not_participating: 'not participating', absent: 'absent',
  };
  let me = null;
  let view = null;
  /** The vote being sent: {ballot, position, key}; kept after a failure for a retry. */
  let pending = null;
  let sending = false;
  /** The vote the server acknowledged, until the view shows it: {ballot, position}. */
  let acknowledged = null;
  let live = { refresh() {} };

  /** Which ballot is open: the number of votes already recorded. */
  function ballotNumber(v) {
    return (v.votes || []).length;
  }

  async function castVote(position) {
    if (!view || !view.voting || sending || !me) return;
    const ballot = ballotNumber(view);
    if (!pending || pending.ballot !== ballot || pending.position !== position) {
      pending = { ballot, position, key: C.uuid() };
    }
    sending = true;
    C.clearError(errorBox);
    renderVote();
    let attempt = 0;
    for (;;) {
      try {
        await C.command(id, { command: 'cast_vote', position }, { key, idempotencyKey: pending.key });
        acknowledged = { ballot, position };
        pending = null;
        break;
      } catch (error) {
        attempt += 1;
        if (error.retryable && attempt < 4) {
          await new Promise((resolve) => setTimeout(resolve, 400 * attempt));
          continue;
        }
        if (error.retryable) {
          C.showError(errorBox, new Error('your vote was not confirmed (' + error.message + '): tap ' +
            VOTE_WORDS[position] + ' again to send the same vote'));
        } else {
          pending = null;
          C.showError(errorBox, error);
        }
        break;
      }
    }
    sending = false;
    renderVote();
    live.refresh();
  }

  function renderVote() {
    if (!view || !me) return;
    const voting = view.voting;
    const myVote = C.$('#my-vote');
    const isDelegation = me.role === 'delegation';
    C.$('#vote-area').hidden = !isDelegation;
    C.$('#no-vote-note').hidden = isDelegation;
    C.setText(C.$('#question'), voting
      ? 'The Council votes on ' + (voting.label || C.itemLabel(voting.item)) + '.'
      : view.closed ? 'The meeting rose.' : 'No question is before the Council.');
    if (!isDelegation) return;

    let recorded = null;
    let recordedText = '';
    if (voting) {
      const cast = C.positionOf(voting.cast, me.member);
      if (cast !== 'none') recorded = cast;
      else if (acknowledged && acknowledged.ballot === ballotNumber(view)) recorded = acknowledged.position;
      if (recorded) recordedText = 'Your vote: ' + VOTE_WORDS[recorded] + ' — recorded';
    } else {
      const last = C.lastVote(view);
      const position = last ? C.positionOf(last.ballot, me.member) : 'none';
      if (last && position !== 'none') {
        recorded = position;
        recordedText = 'Your vote on ' + (last.label || C.itemLabel(last.item)) + ': ' + VOTE_WORDS[position] + ' — recorded';
      }
    }
    for (const button of buttons) {
      button.disabled = !voting || view.closed || !!recorded || sending;
      button.classList.toggle('chosen', !!recorded && button.dataset.position === recorded && !!voting);
      button.setAttribute('aria-pressed', String(!!recorded && button.dataset.position === recorded && !!voting));
    }
    let text = recordedText;
    if (!text && sending && pending) text = 'Sending your vote: ' + VOTE_WORDS[pending.position] + '…';
    else if (!text && voting) text = '';
    C.setText(myVote, text);
    myVote.classList.toggle('recorded', !!recordedText);
  }

  function renderText(v) {
    const box = C.$('#draft-text');
    let drafts;
    let heading = null;
    const voting = v.voting;
    const concerned = voting ? C.draftOfItem(v, voting.item) : null;
    if (concerned) {
      drafts = [concerned];
      if (voting.item.item === 'amendment') {
        heading = 'The amendment ' + voting.item.amendment + ' is put to the vote; the draft it amends:';
      } else if (voting.item.item === 'paragraph') {
        heading = 'Paragraph ' + voting.item.paragraph + ' is voted separately.';
      }
    } else {
      drafts = (v.drafts || []).filter((d) => d.status === 'pending');
      if (!drafts.length && v.drafts && v.drafts.length) drafts = [v.drafts[v.drafts.length - 1]];
    }
    const signature = JSON.stringify([heading, drafts]);
    if (box.dataset.signature === signature) return;
    box.dataset.signature = signature;
    if (!drafts.length) {
      C.fill(box, C.el('p', {}, 'No draft is before the Council yet.'));
      return;
    }
    C.fill(box, heading ? C.el('p', { class: 'hint' }, heading) : null, drafts.map((draft) => C.el('article', {},
      C.el('h3', {}, 'Draft resolution ' + draft.symbol + ' ',
        C.el('span', { class: 'status-tag' }, draft.status === 'pending' ? (draft.in_blue ? 'in blue' : 'not yet in blue') : draft.status.replace(/_/g, ' '))),
      C.el('p', { class: 'hint' }, 'Sponsors: ' + (draft.sponsors || []).map((code) => C.names(v)[code] || code).join(', ') + '.'),
      C.el('ol', { class: 'paragraphs' }, (draft.paragraphs || []).map((p) => C.el('li', {},
        C.el('span', { class: 'label' }, p.label), p.text))))));
  }

  function renderFloor(v) {
    const speakers = v.speakers || { waiting: [], spoken: [] };
    const waiting = speakers.waiting || [];
    const place = waiting.indexOf(me.member);
    let text = 'You are not on the speakers list.';
    if (place >= 0) text = place === 0 ? 'You are next on the speakers list.' : 'You are number ' + (place + 1) + ' on the speakers list.';
    else if ((speakers.spoken || []).includes(me.member)) text = 'You have spoken.';
    C.setText(C.$('#floor-status'), text);
    C.$('#request-floor').disabled = place >= 0 || v.closed;
  }

  function fillSelect(select, options, empty) {
    const signature = JSON.stringify(options);
    if (select.dataset.signature === signature) return;
    select.dataset.signature = signature;
    const chosen = select.value;
    C.fill(select, options.length ? options.map((o) => C.el('option', { value: o.value }, o.label)) : C.el('option', { value: '' }, empty));
    if (options.some((o) => o.value === chosen)) select.value = chosen;
  }

  function renderSponsoring(v) {
    const open = (v.drafts || []).filter((d) => d.status === 'pending' && !(d.sponsors || []).includes(me.member));
    fillSelect(C.$('#sponsor-draft'), open.map((d) => ({ value: d.symbol, label: d.symbol })), 'No draft to co-sponsor');
    C.$('#co-sponsor').disabled = !open.length || v.closed;
    C.$('#explain-card').hidden = me.role !== 'delegation';
    const memberCodes = new Set((v.members || []).map((m) => m.code));
    const invitedDrafts = (v.drafts || []).filter((d) => d.status === 'pending' && !memberCodes.has(d.mover));
    C.$('#request-vote-card').hidden = me.role !== 'delegation' || !invitedDrafts.length;
    fillSelect(C.$('#request-vote-draft'), invitedDrafts.map((d) => ({ value: d.symbol, label: d.symbol + ' (' + (C.names(v)[d.mover] || d.mover) + ')' })), 'No draft');
    const drafts = (v.drafts || []).filter((d) => d.status !== 'withdrawn');
    fillSelect(C.$('#explain-draft'), drafts.map((d) => ({ value: d.symbol, label: d.symbol })), 'No draft yet');
    // Before the vote while the draft waits for it, after the vote once it is voted on.
    const timing = C.$('#explain-timing');
    if (!timing.dataset.touched) {
      const chosen = drafts.find((d) => d.symbol === C.$('#explain-draft').value);
      const voting = v.voting && chosen && C.draftOfItem(v, v.voting.item) === chosen;
      timing.value = chosen && chosen.status === 'pending' && !voting ? 'before_vote' : 'after_vote';
    }
  }

  function render(v) {
    view = v;
    if (!me) return;
    document.title = me.name + ' · ' + (v.title || 'Meeting');
    C.setText(C.$('#meta'), [v.title, C.longDate(v.date)].filter(Boolean).join(' · '));
    renderVote();
    renderText(v);
    renderFloor(v);
    renderSponsoring(v);
  }

  async function simple(body, button, done) {
    C.clearError(errorBox);
    button.disabled = true;
    try {
      await C.command(id, body, { key });
      if (done) done();
    } catch (error) {
      C.showError(errorBox, error);
    } finally {
      button.disabled = false;
      live.refresh();
    }
  }

  function wire() {
    for (const button of buttons) {
      button.addEventListener('click', () => castVote(button.dataset.position));
    }
    C.$('#request-floor').addEventListener('click', (event) =>
      simple({ command: 'request_floor' }, event.currentTarget));
    C.$('#co-sponsor').addEventListener('click', (event) => {
      const draft = C.$('#sponsor-draft').value;
      if (draft) simple({ command: 'co_sponsor', draft }, event.currentTarget);
    });
    C.$('#request-vote').addEventListener('click', (event) => {
      const draft = C.$('#request-vote-draft').value;
      if (draft) simple({ command: 'request_vote', draft }, event.currentTarget);
    });
    C.$('#explain-timing').addEventListener('change', (event) => {
      event.currentTarget.dataset.touched = 'yes';
    });
    C.$('#explain-form').addEventListener('submit', (event) => {
      event.preventDefault();
      const form = event.currentTarget;
      const draft = form.elements.namedItem('draft').value;
      const text = form.elements.namedItem('text').value.trim();
      if (!draft || !text) return;
      simple({ command: 'explain_vote', draft, timing: form.elements.namedItem('timing').value, text },
        form.querySelector('button[type=submit]'), () => {
          form.reset();
          delete C.$('#explain-timing').dataset.touched;
        });
    });
  }

  if (!id) {
    C.showError(errorBox, new Error('no meeting in this address'));
    return;
  }
  C.$('#board-link').setAttribute('href', '/m/' + encodeURIComponent(id) + '/board');
  if (!key) {
    C.setText(C.$('#member-name'), 'No key');
    C.showError(errorBox, new Error('this page needs your delegation\'s link, with its key after #key='));
    return;
  }
  wire();
  C.api('GET', '/api/meetings/' + encodeURIComponent(id) + '/me', { key }).then((who) => {
    me = who;
    if (who.role === 'president') {
      C.setText(C.$('#member-name'), 'The President');
      C.showError(errorBox, new Error('this is the President\'s key: open the President\'s console instead'));
      return;
    }
    C.setText(C.$('#role'), who.role === 'invitee' ? 'Invited State (without vote)' : 'Delegation of');
    C.setText(C.$('#member-name'), who.name);
    live = C.follow(id, render, (text) => C.setText(C.$('#status'), text), key);
  }, (error) => {
    C.setText(C.$('#member-name'), 'Key not recognised');
    C.showError(errorBox, error.status === 401
      ? new Error('this key is not valid (mistyped, re-issued or revoked): ' + error.message) : error);
  });
})();
