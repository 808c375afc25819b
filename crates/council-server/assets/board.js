// council: the public board for a projector. No key: it only reads the meeting's view.
// The Council's horseshoe is drawn as SVG with one seat per member, in the order of the
// view's `members`; each seat carries its position as colour AND as words.
'use strict';

(function () {
  const C = window.Council;
  const SVG = 'http://www.w3.org/2000/svg';
  const SEAT_WORDS = {
    yes: 'YES', no: 'NO', abstain: 'ABST.', not_participating: 'N.P.', absent: 'ABSENT', none: '',
  };

  const id = C.meetingId();
  const svg = C.$('#horseshoe');
  let seatsKey = null;
  let seats = {};

  function svgEl(tag, attrs, text) {
    const node = document.createElementNS(SVG, tag);
    for (const [name, value] of Object.entries(attrs || {})) node.setAttribute(name, String(value));
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /** Splits a name into at most two lines of about `width` characters. */
  function wrap(name, width) {
    const words = String(name).split(/\s+/);
    const lines = [];
    let line = '';
    for (const word of words) {
      if (line && (line + ' ' + word).length > width) {
        lines.push(line);
        line = word;
      } else {
        line = line ? line + ' ' + word : word;
      }
    }
    if (line) lines.push(line);
    if (lines.length > 2) return [lines[0], lines.slice(1).join(' ').slice(0, width - 1) + '…'];
    return lines;
  }

  /**
   * Seats along a horseshoe open towards the audience: up the left arm, over the arc (where
   * the President sits at the Council), down the right arm. Returns the seats' centres, the
   * outward direction of each, the seat radius and the centre of the table.
   */
  function layout(n) {
    const radius = 330;
    const arm = 290;
    const cx = 0;
    const cy = 0;
    const total = 2 * arm + Math.PI * radius;
    const step = total / Math.max(n, 1);
    const seat = Math.max(14, Math.min(48, step * 0.41));
    const points = [];
    for (let i = 0; i < n; i += 1) {
      const s = (i + 0.5) * step;
      if (s < arm) {
        points.push({ x: cx - radius, y: cy + arm - s, ux: -1, uy: 0 });
      } else if (s < arm + Math.PI * radius) {
        const alpha = Math.PI - (s - arm) / radius;
        points.push({
          x: cx + radius * Math.cos(alpha),
          y: cy - radius * Math.sin(alpha),
          ux: Math.cos(alpha),
          uy: -Math.sin(alpha),
        });
      } else {
        const t = s - arm - Math.PI * radius;
        points.push({ x: cx + radius, y: cy + t, ux: 1, uy: 0 });
      }
    }
    return { points, seat, cx, cy, radius, arm };
  }

  /** Draws the seats once per composition; later renders only change their positions. */
  function buildSeats(view) {
    const members = view.members || [];
    const key = members.map((m) => m.code).join(',') + '|' + (view.president ? view.president.code : '');
    if (key === seatsKey) return;
    seatsKey = key;
    seats = {};
    svg.replaceChildren(svgEl('title', { id: 'horseshoe-label' }, 'The Council\'s horseshoe table, ' + members.length + ' seats'));
    const geo = layout(members.length);
    const r = geo.seat;
    const codeSize = Math.round(r * 0.56);
    const wordSize = Math.round(r * 0.34);
    const nameSize = Math.max(12, Math.round(r * 0.36));
    const lineHeight = nameSize * 1.15;
    const nameWidth = 13;
    let minX = geo.cx - geo.radius;
    let maxX = geo.cx + geo.radius;
    let minY = geo.cy - geo.radius;
    let maxY = geo.cy + geo.arm;

    // The table itself.
    const tablePath = 'M ' + (geo.cx - geo.radius) + ' ' + (geo.cy + geo.arm + r) +
      ' L ' + (geo.cx - geo.radius) + ' ' + geo.cy +
      ' A ' + geo.radius + ' ' + geo.radius + ' 0 0 1 ' + (geo.cx + geo.radius) + ' ' + geo.cy +
      ' L ' + (geo.cx + geo.radius) + ' ' + (geo.cy + geo.arm + r);
    svg.appendChild(svgEl('path', { d: tablePath, class: 'table' }));

    // The middle of the table: what is voted and how it went, large (the panel says it in words).
    const centre = svgEl('g', { class: 'centre', 'aria-hidden': 'true' });
    centre.appendChild(svgEl('text', {
      id: 'centre-label', x: geo.cx, y: geo.cy + geo.arm * 0.05, 'text-anchor': 'middle', 'font-size': 40,
    }, ''));
    centre.appendChild(svgEl('text', {
      id: 'centre-verdict', x: geo.cx, y: geo.cy + geo.arm * 0.05 + 84, 'text-anchor': 'middle', 'font-size': 76,
    }, ''));
    svg.appendChild(centre);

    members.forEach((member, index) => {
      const p = geo.points[index];
      const presiding = view.president && view.president.code === member.code;
      const group = svgEl('g', {
        class: 'seat pos-none' + (presiding ? ' presiding' : ''),
        'data-seat': member.code,
        'data-position': 'none',
      });
      const title = svgEl('title', {}, member.name);
      group.appendChild(title);
      if (presiding) {
        group.appendChild(svgEl('circle', { cx: p.x, cy: p.y, r: r + 7, class: 'president-ring' }));
      }
      group.appendChild(svgEl('circle', { cx: p.x, cy: p.y, r, class: 'seat-disc' }));
      group.appendChild(svgEl('text', {
        x: p.x, y: p.y - r * 0.08, class: 'seat-code', 'font-size': codeSize, 'text-anchor': 'middle',
      }, member.code));
      const word = svgEl('text', {
        x: p.x, y: p.y + r * 0.5, class: 'seat-word', 'font-size': wordSize, 'text-anchor': 'middle',
      }, '');
      group.appendChild(word);

      // The member's name outside the table, away from its centre.
      const lines = wrap(C.shortName(member.name), nameWidth);
      if (presiding) lines.push('(President)');
      const gap = r + (presiding ? 16 : 10);
      const ax = p.x + p.ux * gap;
      const ay = p.y + p.uy * gap;
      const height = lines.length * lineHeight;
      let anchor = 'middle';
      if (p.ux < -0.3) anchor = 'end';
      else if (p.ux > 0.3) anchor = 'start';
      const top = ay - height / 2 + p.uy * (height / 2);
      const label = svgEl('text', { class: 'seat-name', 'font-size': nameSize, 'text-anchor': anchor });
      lines.forEach((line, i) => {
        label.appendChild(svgEl('tspan', { x: ax, y: top + (i + 0.8) * lineHeight }, line));
      });
      group.appendChild(label);
      svg.appendChild(group);

      const width = Math.max(...lines.map((l) => l.length)) * nameSize * 0.58;
      const left = anchor === 'end' ? ax - width : anchor === 'middle' ? ax - width / 2 : ax;
      minX = Math.min(minX, left, p.x - r - 8);
      maxX = Math.max(maxX, left + width, p.x + r + 8);
      minY = Math.min(minY, top, p.y - r - 8);
      maxY = Math.max(maxY, top + height, p.y + r + 8);
      seats[member.code] = { group, word, title, name: member.name };
    });

    const pad = 16;
    svg.setAttribute('viewBox', [minX - pad, minY - pad, maxX - minX + 2 * pad, maxY - minY + 2 * pad]
      .map((v) => Math.round(v)).join(' '));
  }

  function renderSeats(view, ballot) {
    buildSeats(view);
    const list = C.$('#seat-list');
    const items = [];
    for (const member of view.members || []) {
      const seat = seats[member.code];
      if (!seat) continue;
      const position = C.positionOf(ballot, member.code);
      if (seat.group.getAttribute('data-position') !== position) {
        seat.group.setAttribute('data-position', position);
        seat.group.setAttribute('class', 'seat pos-' + position +
          (view.president && view.president.code === member.code ? ' presiding' : ''));
        seat.word.textContent = SEAT_WORDS[position] || position;
        seat.title.textContent = member.name + ': ' + C.POSITION_WORDS[position].toLowerCase();
      }
      items.push(C.el('li', {}, member.name + ' (' + member.code + '): ' + C.POSITION_WORDS[position].toLowerCase()));
    }
    C.fill(list, items);
  }

  function render(view) {
    document.title = (view.title || 'Meeting') + ' · Board';
    C.setText(C.$('#title'), view.title || 'Meeting of the Security Council');
    const meta = [C.longDate(view.date)];
    if (view.format === 'closed_consultations') meta.push('closed consultations');
    if (view.president) meta.push('President: ' + view.president.name);
    if (view.closed) meta.push('the meeting rose');
    C.setText(C.$('#meta'), meta.join(' · '));

    const agenda = C.$('#agenda');
    const agendaKey = JSON.stringify([view.agenda, view.agenda_status]);
    if (agenda.dataset.key !== agendaKey) {
      agenda.dataset.key = agendaKey;
      const status = view.agenda_status === 'adopted' ? ' (adopted)'
        : view.agenda_status === 'not_adopted' ? ' (not adopted)' : ' (provisional)';
      C.fill(agenda, (view.agenda || []).map((item, i) => C.el('li', {}, item + (i === 0 ? status : ''))));
    }

    const voting = view.voting;
    const last = C.lastVote(view);
    const members = (view.members || []).length;
    let ballot = [];
    let tally = null;
    if (voting) {
      ballot = voting.cast || [];
      tally = C.count(ballot);
      C.setText(C.$('#question'), capitalise(voting.label || C.itemLabel(voting.item)));
      C.setText(C.$('#progress'), 'Voting is open: ' + ballot.length + ' of ' + members + ' members have voted.');
      C.setText(C.$('#outcome'), '');
      C.setText(C.$('#explanation'), '');
      C.setText(C.$('#ga-debate'), '');
    } else if (last) {
      ballot = last.ballot || [];
      tally = last.tally;
      C.setText(C.$('#question'), capitalise(last.label || C.itemLabel(last.item)));
      C.setText(C.$('#progress'), 'The vote is recorded.');
      C.setText(C.$('#outcome'), last.announcement || '');
      C.setText(C.$('#explanation'), last.explanation || '');
      C.setText(C.$('#ga-debate'), last.general_assembly_debate_by
        ? 'General Assembly debate of the veto due by ' + C.longDate(last.general_assembly_debate_by) + ' (A/RES/76/262).'
        : '');
    } else {
      C.setText(C.$('#question'), view.closed ? 'The meeting rose.' : 'No question is before the Council.');
      C.setText(C.$('#progress'), '');
      C.setText(C.$('#outcome'), '');
      C.setText(C.$('#explanation'), '');
      C.setText(C.$('#ga-debate'), '');
    }
    C.$('.tally-box').classList.toggle('empty', !tally);
    C.setText(C.$('#tally'), tally ? C.tallyText(tally) : '');
    C.setText(C.$('#count-yes'), String(tally ? tally.yes : 0));
    C.setText(C.$('#count-no'), String(tally ? tally.no : 0));
    C.setText(C.$('#count-abstain'), String(tally ? tally.abstain : 0));
    const shown = !voting && last && last.verdict ? last.verdict : null;
    C.$('#outcome-region').classList.toggle('verdict-adopted', shown === 'adopted');
    C.$('#outcome-region').classList.toggle('verdict-failed', !!shown && shown !== 'adopted');

    renderSeats(view, ballot);
    const VERDICT_WORDS = { adopted: 'ADOPTED', vetoed: 'VETOED', insufficient_votes: 'NOT ADOPTED' };
    let centreLabel = '';
    let centreVerdict = '';
    if (voting) {
      centreLabel = voting.label || C.itemLabel(voting.item);
      centreVerdict = 'VOTING';
    } else if (last) {
      centreLabel = last.label || C.itemLabel(last.item);
      centreVerdict = VERDICT_WORDS[last.verdict] || String(last.verdict || '').replace(/_/g, ' ').toUpperCase();
    }
    C.setText(C.$('#centre-label'), centreLabel);
    C.setText(C.$('#centre-verdict'), centreVerdict);
    C.$('#centre-verdict').setAttribute('class', 'verdict-' + (voting ? 'voting' : last ? last.verdict : 'none'));

    // Earlier votes, newest first, except the one shown above.
    const earlier = (view.votes || []).slice(0, voting ? undefined : -1).reverse();
    C.$('#history-box').hidden = earlier.length === 0;
    C.fill(C.$('#history'), earlier.map((vote) => C.el('li', {},
      capitalise(vote.label || C.itemLabel(vote.item)) + ': ' + C.tallyText(vote.tally) + ', ' +
      String(vote.verdict || '').replace(/_/g, ' '))));
  }

  function capitalise(text) {
    return text ? text.charAt(0).toUpperCase() + text.slice(1) : text;
  }

  if (!id) {
    C.setText(C.$('#title'), 'No meeting in this address');
    return;
  }
  C.$('#record-link').setAttribute('href', '/m/' + encodeURIComponent(id) + '/record');
  C.follow(id, render, (text, _live, error) => {
    C.setText(C.$('#status'), text);
    if (error && error.status === 401) C.setText(C.$('#title'), 'Closed consultations: not public');
    if (error && error.status === 404) C.setText(C.$('#title'), 'No such meeting on this server');
  });
})();
