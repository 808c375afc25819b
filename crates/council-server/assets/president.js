// council: the President's console. The key in the fragment is the President's; every
// action is one command to the API, and the console re-renders from the view after each
// event, so two consoles on the same meeting stay in step.
'use strict';

(function () {
  const C = window.Council;
  const id = C.meetingId();
  const key = C.key();
  const errorBox = C.$('#error');
  const notice = C.$('#notice');
  let view = null;
  let adjournArmed = null;

  function say(text) {
    notice.textContent = text;
    notice.hidden = !text;
  }

  /** Runs one command, with the button busy meanwhile; shows the API's refusal if any. */
  async function act(body, button, done) {
    C.clearError(errorBox);
    say('');
    if (button) button.disabled = true;
    try {
      const result = await C.command(id, body, { key });
      if (done) done(result);
      live.refresh();
      return result;
    } catch (error) {
      C.showError(errorBox, error);
      return null;
    } finally {
      if (button) {
        button.disabled = false;
        if (view) render(view);
      }
    }
  }

  /** A form's field by name (`form.name` and `form.id` are the form's own properties). */
  function field(form, name) {
    return form.elements.namedItem(name);
  }

  function sameItem(a, b) {
    return JSON.stringify(a) === JSON.stringify(b);
  }

  /** The questions the President may put now, in the order the rules take them. */
  function voteItems(v) {
    const voted = (v.votes || []).map((vote) => vote.item);
    const notVoted = (item) => !voted.some((other) => sameItem(other, item));
    const main = [];
    const procedural = [];
    if (v.agenda_status === 'provisional') {
      main.push({ item: { item: 'agenda' }, label: 'The provisional agenda (procedural vote)' });
    }
    const pending = (v.drafts || []).filter((d) => d.status === 'pending');
    for (const amendment of v.amendments || []) {
      if (amendment.verdict === null || amendment.verdict === undefined) {
        const item = { item: 'amendment', amendment: amendment.id };
        if (notVoted(item)) {
          main.push({ item, label: 'Amendment ' + amendment.id + ' to ' + amendment.draft + ' (' + amendment.proposed_by + ')' });
        }
      }
    }
    for (const draft of pending) {
      for (const separate of draft.separate_votes || []) {
        const item = { item: 'paragraph', draft: draft.symbol, paragraph: separate.paragraph };
        if (!separate.objected && notVoted(item)) {
          main.push({ item, label: 'Paragraph ' + separate.paragraph + ' of ' + draft.symbol + ' (separate vote)' });
        }
      }
    }
    for (const draft of pending) {
      main.push({
        item: { item: 'draft', draft: draft.symbol },
        label: 'Draft resolution ' + draft.symbol + (draft.in_blue ? '' : ' (not yet in blue)'),
      });
    }
    pending.forEach((draft, index) => {
      const question = { item: 'preliminary_question', draft: draft.symbol };
      if (notVoted(question)) {
        procedural.push({ item: question, label: 'Preliminary question: is ' + draft.symbol + ' procedural?' });
      }
      if (index > 0) {
        procedural.push({ item: { item: 'priority', draft: draft.symbol }, label: 'Priority for ' + draft.symbol });
      }
    });
    return { main, procedural };
  }

  function renderVoteItems(v) {
    const select = C.$('#vote-item');
    const items = voteItems(v);
    const signature = JSON.stringify(items);
    if (select.dataset.signature === signature) return;
    select.dataset.signature = signature;
    const chosen = select.value;
    const option = (entry) => C.el('option', { value: JSON.stringify(entry.item) }, entry.label);
    C.fill(select,
      items.main.length ? items.main.map(option) : C.el('option', { value: '' }, 'Nothing to put to the vote'),
      items.procedural.length ? C.el('optgroup', { label: 'Procedural questions' }, items.procedural.map(option)) : null);
    if (chosen && Array.from(select.options).some((o) => o.value === chosen)) select.value = chosen;
  }

  function renderVote(v, names) {
    const voting = v.voting;
    const members = v.members || [];
    C.setText(C.$('#voting-label'), voting
      ? 'Voting is open on ' + (voting.label || C.itemLabel(voting.item)) + '.'
      : 'No question is before the Council.');
    const cast = voting ? voting.cast || [] : [];
    C.setText(C.$('#cast-count'), voting ? cast.length + ' of ' + members.length + ' members have voted' : '');
    C.fill(C.$('#cast'), voting ? members.map((m) => {
      const position = C.positionOf(cast, m.code);
      return C.el('li', { class: 'pos-' + position, title: m.name },
        m.code + ': ' + C.POSITION_WORDS[position].toLowerCase());
    }) : []);
    renderVoteItems(v);
    const select = C.$('#vote-item');
    C.$('#put-to-vote').disabled = !!voting || v.closed || !select.value;
    C.$('#close-vote').disabled = !voting || v.closed;

    const last = C.lastVote(v);
    const box = C.$('#last-outcome');
    const signature = last ? JSON.stringify([v.votes.length, last.announcement]) : '';
    if (box.dataset.signature !== signature) {
      box.dataset.signature = signature;
      C.fill(box, last ? [
        C.el('h3', {}, 'Last vote: ' + (last.label || C.itemLabel(last.item))),
        C.el('p', { class: 'cast-count' }, C.tallyText(last.tally) + ' (in favour, against, abstaining)'),
        C.el('p', {}, last.announcement || ''),
        last.explanation ? C.el('p', { class: 'hint' }, last.explanation) : null,
        last.general_assembly_debate_by
          ? C.el('p', {}, 'General Assembly debate due by ' + C.longDate(last.general_assembly_debate_by) + ' (resolution 76/262).')
          : null,
        C.el('ul', { class: 'positions', 'aria-label': 'How each member voted' }, (last.ballot || []).map((b) =>
          C.el('li', { class: 'pos-' + b.position, title: names[b.member] || b.member },
            b.member + ': ' + (C.POSITION_WORDS[b.position] || b.position).toLowerCase()))),
      ] : []);
    }
  }

  function renderAgenda(v) {
    const status = v.agenda_status || 'provisional';
    C.setText(C.$('#agenda-status'), status.replace(/_/g, ' '));
    C.fill(C.$('#agenda'), (v.agenda || []).map((item) => C.el('li', {}, item)));
    C.$('#adopt-agenda').disabled = status !== 'provisional' || v.closed || !!v.voting;
  }

  function renderSpeakers(v, names) {
    const speakers = v.speakers || { waiting: [], spoken: [] };
    const waiting = speakers.waiting || [];
    C.fill(C.$('#speakers-waiting'), waiting.length ? waiting.map((code) => C.el('li', {},
      (names[code] || code) + ' ',
      C.el('button', {
        type: 'button', class: 'secondary', 'aria-label': 'Give the floor to ' + (names[code] || code),
        onclick: (event) => act({ command: 'give_floor', member: code }, event.currentTarget,
          () => say('The floor is given to ' + (names[code] || code) + '.')),
      }, 'Give the floor'))) : []);
    C.$('#speakers-empty').hidden = waiting.length > 0;
    C.fill(C.$('#speakers-spoken'), (speakers.spoken || []).map((code) => C.el('li', {}, names[code] || code)));
    const next = waiting[0];
    const button = C.$('#give-floor');
    button.disabled = !next || v.closed;
    C.setText(button, next ? 'Give the floor to ' + (names[next] || next) : 'Give the floor');
  }

  function renderInvitations(v) {
    C.fill(C.$('#invitations'), (v.invitations || []).length
      ? v.invitations.map((i) => C.el('li', {}, i.participant + (i.code && i.code !== i.participant ? ' (' + i.code + ')' : '') + ', under ' + i.basis))
      : C.el('li', {}, 'No one has been invited.'));
  }

  function renderDrafts(v) {
    const box = C.$('#drafts');
    const signature = JSON.stringify([v.drafts, v.amendments]);
    if (box.dataset.signature === signature) return;
    box.dataset.signature = signature;
    const drafts = v.drafts || [];
    if (!drafts.length) {
      C.fill(box, C.el('p', {}, 'No draft has been submitted.'));
      return;
    }
    C.fill(box, drafts.map((draft) => {
      const amendments = (v.amendments || []).filter((a) => a.draft === draft.symbol);
      return C.el('article', { class: 'draft' },
        C.el('h3', {}, draft.symbol + ' ', C.el('span', { class: 'status-tag' }, draft.status.replace(/_/g, ' '))),
        C.el('p', {}, (draft.in_blue ? 'In blue. ' : 'Not yet in blue. ') +
          'Moved by ' + draft.mover + '; sponsors: ' + (draft.sponsors || []).join(', ') +
          (draft.revision ? '; revision ' + draft.revision : '') + (draft.procedural ? '; presented as procedural' : '')),
        C.el('details', {},
          C.el('summary', {}, 'Text (' + (draft.paragraphs || []).length + ((draft.paragraphs || []).length === 1 ? ' paragraph)' : ' paragraphs)')),
          C.el('ol', { class: 'paragraphs' }, (draft.paragraphs || []).map((p) =>
            C.el('li', {}, C.el('span', { class: 'label' }, p.label), p.text)))),
        (draft.separate_votes || []).length ? C.el('p', {}, 'Separate votes requested: ' + draft.separate_votes.map((s) =>
          s.paragraph + ' by ' + s.requested_by + (s.objected ? ' (objected to by the mover)' : '')).join('; ')) : null,
        amendments.length ? C.el('ul', {}, amendments.map((a) => C.el('li', {},
          'Amendment ' + a.id + (a.oral ? ' (oral)' : '') + ' by ' + a.proposed_by + (a.verdict ? ': ' + String(a.verdict).replace(/_/g, ' ') : '')))) : null);
    }));
  }

  function renderStatements(v) {
    const statements = v.statements || [];
    C.fill(C.$('#statements'), statements.length ? statements.map((s) => C.el('li', {},
      C.el('strong', {}, s.id), ' (' + String(s.kind).replace(/_/g, ' ') + ')',
      s.silence_until ? ', silence until ' + s.silence_until.replace('T', ' ') : '',
      (s.objections || []).length ? ', objections: ' + s.objections.join(', ') : '',
      (s.dissociations || []).length ? ', dissociations: ' + s.dissociations.join(', ') : '',
      ': ' + (s.outcome ? String(s.outcome).replace(/_/g, ' ') : 'open'),
      s.text ? C.el('p', { class: 'hint' }, s.text) : null)) : C.el('li', {}, 'No statement has been circulated.'));
    const open = statements.filter((s) => !s.outcome);
    const select = C.$('#conclude-id');
    const chosen = select.value;
    const signature = open.map((s) => s.id).join(',');
    if (select.dataset.signature !== signature) {
      select.dataset.signature = signature;
      C.fill(select, open.length ? open.map((s) => C.el('option', { value: s.id }, s.id)) : C.el('option', { value: '' }, 'No open statement'));
      if (open.some((s) => s.id === chosen)) select.value = chosen;
    }
    C.$('#conclude').disabled = !open.length || v.closed;
  }

  function render(v) {
    view = v;
    const names = C.names(v);
    document.title = (v.title || 'Meeting') + ' · President';
    C.setText(C.$('#title'), v.title || 'Meeting of the Security Council');
    C.setText(C.$('#meta'), [C.longDate(v.date), v.president ? 'President: ' + v.president.name : null,
      v.format === 'closed_consultations' ? 'closed consultations' : null, v.closed ? 'the meeting rose' : null]
      .filter(Boolean).join(' · '));
    renderVote(v, names);
    renderAgenda(v);
    renderSpeakers(v, names);
    renderInvitations(v);
    renderDrafts(v);
    renderStatements(v);
    C.$('#adjourn').disabled = v.closed;
  }

  function showLink(link) {
    const url = location.origin + link.path;
    const input = C.el('input', { type: 'text', readonly: true, value: url, 'aria-label': 'Link for ' + link.name, id: 'new-link-url' });
    C.fill(C.$('#new-link'), C.el('p', {}, 'Send this link to ' + link.name + ' now: it cannot be shown again.'), input);
    input.addEventListener('focus', () => input.select());
  }

  function wire() {
    C.$('#put-to-vote').addEventListener('click', (event) => {
      const value = C.$('#vote-item').value;
      if (!value) return;
      const item = JSON.parse(value);
      act({ command: 'put_to_vote', item }, event.currentTarget, () => say('Put to the vote: ' + C.itemLabel(item) + '.'));
    });
    C.$('#close-vote').addEventListener('click', (event) =>
      act({ command: 'close_vote' }, event.currentTarget, () => say('The vote is closed.')));
    C.$('#adopt-agenda').addEventListener('click', (event) =>
      act({ command: 'adopt_agenda' }, event.currentTarget, () => say('The agenda is adopted.')));
    C.$('#give-floor').addEventListener('click', (event) => {
      const next = view && view.speakers && view.speakers.waiting ? view.speakers.waiting[0] : null;
      if (next) act({ command: 'give_floor', member: next }, event.currentTarget, () => say('The floor is given.'));
    });
    C.$('#invite-state-form').addEventListener('submit', (event) => {
      event.preventDefault();
      const form = event.currentTarget;
      const state = field(form, 'state').value.trim().toUpperCase();
      act({ command: 'invite_participant', state, basis: field(form, 'basis').value }, form.querySelector('button'), (result) => {
        say(state + ' is invited.');
        form.reset();
        if (result && result.link) showLink(result.link);
      });
    });
    C.$('#invite-person-form').addEventListener('submit', (event) => {
      event.preventDefault();
      const form = event.currentTarget;
      act({ command: 'invite_participant', name: field(form, 'name').value.trim(), title: field(form, 'title').value.trim(), basis: 'rule39' },
        form.querySelector('button'), () => {
          say(field(form, 'name').value.trim() + ' is invited under rule 39.');
          form.reset();
        });
    });
    C.$('#statement-form').addEventListener('submit', (event) => {
      event.preventDefault();
      const form = event.currentTarget;
      let silence = field(form, 'silence_until').value || null;
      if (silence && silence.length === 16) silence += ':00';
      const body = { command: 'circulate_statement', id: field(form, 'id').value.trim(), kind: field(form, 'kind').value, text: field(form, 'text').value.trim() || null, silence_until: silence };
      act(body, form.querySelector('button'), () => {
        say('Statement ' + body.id + ' is circulated.');
        form.reset();
      });
    });
    C.$('#conclude').addEventListener('click', (event) => {
      const statement = C.$('#conclude-id').value;
      if (statement) act({ command: 'conclude_statement', id: statement }, event.currentTarget, () => say('Statement ' + statement + ' is concluded.'));
    });
    C.$('#adjourn').addEventListener('click', (event) => {
      const button = event.currentTarget;
      if (!adjournArmed) {
        button.textContent = 'Press again to adjourn';
        adjournArmed = setTimeout(() => {
          adjournArmed = null;
          button.textContent = 'Adjourn the meeting';
        }, 5000);
        return;
      }
      clearTimeout(adjournArmed);
      adjournArmed = null;
      button.textContent = 'Adjourn the meeting';
      act({ command: 'adjourn' }, button, () => say('The meeting rose.'));
    });
    C.$('#vote-item').addEventListener('change', () => {
      if (view) C.$('#put-to-vote').disabled = !!view.voting || view.closed || !C.$('#vote-item').value;
    });
  }

  let live = { refresh() {} };
  if (!id) {
    C.showError(errorBox, new Error('no meeting in this address'));
    return;
  }
  C.$('#board-link').setAttribute('href', '/m/' + encodeURIComponent(id) + '/board');
  C.$('#record-link').setAttribute('href', '/m/' + encodeURIComponent(id) + '/record');
  if (!key) {
    C.showError(errorBox, new Error('this page needs the President\'s link, with its key after #key='));
  } else {
    C.api('GET', '/api/meetings/' + encodeURIComponent(id) + '/me', { key }).then((me) => {
      if (me.role !== 'president') {
        C.showError(errorBox, new Error('this key is the link of ' + me.name + ', not the President\'s: open the delegation page instead'));
      }
    }, (error) => C.showError(errorBox, error.status === 401
      ? new Error('this key is not valid (mistyped, re-issued or revoked): ' + error.message) : error));
  }
  wire();
  live = C.follow(id, render, (text) => C.setText(C.$('#status'), text), key);
})();
