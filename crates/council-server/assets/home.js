// council: the home page. Lists the meetings on this server and convenes new ones; the
// links a new meeting answers with are shown once, since the server keeps only their hashes.
'use strict';

(function () {
  const C = window.Council;
  const errorBox = C.$('#error');

  function ordinal(n) {
    const tens = n % 100;
    const suffix = tens >= 11 && tens <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' }[n % 10] || 'th');
    return n + suffix;
  }

  async function loadMeetings() {
    const box = C.$('#meetings');
    try {
      const meetings = await C.api('GET', '/api/meetings');
      if (!meetings || !meetings.length) {
        C.fill(box, C.el('p', {}, 'No meeting yet: convene one below.'));
        return;
      }
      C.fill(box, C.el('table', {},
        C.el('thead', {}, C.el('tr', {},
          C.el('th', { scope: 'col' }, 'Date'),
          C.el('th', { scope: 'col' }, 'Meeting'),
          C.el('th', { scope: 'col' }, 'Agenda'),
          C.el('th', { scope: 'col' }, 'Status'),
          C.el('th', { scope: 'col' }, 'Links'))),
        C.el('tbody', {}, meetings.map((m) => {
          const base = '/m/' + encodeURIComponent(m.id);
          const president = m.president && typeof m.president === 'object' ? m.president.name : m.president;
          return C.el('tr', {},
            C.el('td', {}, C.longDate(m.date)),
            C.el('td', {}, m.meeting_number ? ordinal(m.meeting_number) + ' meeting' : String(m.format || '').replace(/_/g, ' '),
              president ? C.el('br') : null, president ? 'President: ' + president : null),
            C.el('td', {}, (m.agenda || []).join('; ')),
            C.el('td', {}, m.closed ? 'rose' : 'in session'),
            C.el('td', {},
              C.el('a', { href: base + '/board' }, 'Board'), ' · ',
              C.el('a', { href: base + '/record' }, 'Record')));
        }))));
    } catch (error) {
      C.fill(box, C.el('p', {}, 'The meetings cannot be read: ' + error.message + '.'));
    }
  }

  function showLinks(created) {
    const box = C.$('#created');
    const roleWords = { president: 'President', delegation: 'Delegation', invitee: 'Invited State', board: 'Public board' };
    C.fill(box,
      C.el('h3', {}, 'Meeting ' + created.id + ' is convened'),
      C.el('p', { class: 'notice' }, 'Send each link to its holder now. The server keeps only hashes of the keys: these links cannot be shown again (the President can re-issue one).'),
      C.el('ul', { class: 'links-list' }, (created.links || []).map((link, index) => {
        const url = location.origin + link.path;
        const inputId = 'link-' + index;
        const input = C.el('input', { id: inputId, type: 'text', readonly: true, value: url });
        input.addEventListener('focus', () => input.select());
        return C.el('li', {},
          C.el('label', { for: inputId }, (roleWords[link.role] || link.role) + (link.member ? ': ' + link.name + ' (' + link.member + ')' : '')),
          C.el('div', { class: 'row' }, input, C.el('a', { class: 'button', href: link.path, target: '_blank', rel: 'noopener' }, 'Open')));
      })));
    box.focus();
  }

  C.$('#create-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const form = event.currentTarget;
    const value = (name) => form.elements.namedItem(name).value;
    const body = {
      date: value('date'),
      format: value('format'),
      agenda: value('agenda').split('\n').map((line) => line.trim()).filter(Boolean),
    };
    if (value('meeting_number')) body.meeting_number = Number(value('meeting_number'));
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    C.clearError(errorBox);
    try {
      const created = await C.api('POST', '/api/meetings', { body });
      showLinks(created);
      loadMeetings();
    } catch (error) {
      C.showError(errorBox, error);
    } finally {
      button.disabled = false;
    }
  });

  const today = new Date();
  C.$('#create-date').value = today.getFullYear() + '-' + String(today.getMonth() + 1).padStart(2, '0') + '-' +
    String(today.getDate()).padStart(2, '0');
  loadMeetings();
})();
