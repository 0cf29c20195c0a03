// The operator console. Plain browser JavaScript, no build step, nothing from another origin.
// The operator's bearer token lives in this tab's sessionStorage; every request to /ops/api carries it in the
// Authorization header (no cookie, so another site cannot make the browser send a request as the operator).
'use strict';

const TOKEN_KEY = 'docpipe.ops.token';
const SAMPLES = 120;
const samples = [];
let token = null;

const $ = (id) => document.getElementById(id);

function el(tag, text, className) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) {
    e.textContent = String(text);
  }
  if (className) {
    e.className = className;
  }
  return e;
}

function showError(message) {
  $('error').textContent = message || '';
  $('error').hidden = !message;
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function api(path, options = {}) {
  const headers = Object.assign({ Authorization: 'Bearer ' + token, Accept: 'application/json' }, options.headers);
  const response = await fetch(path, Object.assign({}, options, { headers }));
  if (response.status === 401 || response.status === 403) {
    signOut(response.status === 403 ? 'This token does not carry the operator role.' : 'The token was refused.');
    throw new Error('not an operator');
  }
  const body = response.headers.get('Content-Type')?.includes('json') ? await response.json() : null;
  if (!response.ok) {
    throw new Error((body && (body.detail || body.title)) || ('HTTP ' + response.status));
  }
  return body;
}

function traceCell(traceId, traceUrl) {
  const td = el('td', null, 'mono');
  if (traceUrl) {
    const a = el('a', traceId.slice(0, 8) + '…');
    a.href = traceUrl;
    a.target = '_blank';
    a.rel = 'noopener';
    a.title = traceId;
    td.append(a);
  } else if (traceId) {
    td.textContent = traceId.slice(0, 8) + '…';
    td.title = traceId;
  }
  return td;
}

// ---- timeline ----

async function showTimeline(documentId) {
  showError(null);
  const tbody = $('timeline').tBodies[0];
  tbody.replaceChildren();
  $('jobs').tBodies[0].replaceChildren();
  $('timeline-summary').textContent = 'reading the topics…';
  let view;
  try {
    view = await api('/ops/api/documents/' + encodeURIComponent(documentId) + '/timeline');
  } catch (e) {
    $('timeline-summary').textContent = '';
    showError(e.message);
    return;
  }
  const counts = {};
  for (const entry of view.entries) {
    const tr = el('tr', null, 'mark-' + entry.mark);
    tr.dataset.mark = entry.mark;
    tr.dataset.kind = entry.kind;
    tr.dataset.type = entry.type;
    if (entry.status) {
      tr.dataset.status = entry.status;
      const key = entry.type + ' ' + entry.status;
      counts[key] = (counts[key] || 0) + 1;
    }
    tr.append(el('td', entry.time.replace('T', ' ').replace('Z', ''), 'mono'), el('td', entry.where, 'mono'),
      el('td', entry.kind === 'event' ? 'v' + entry.version : ''), el('td', entry.type),
      el('td', entry.status || (entry.mark === 'STALE_RESULT' ? 'stale result ignored' : ''), 'outcome'),
      el('td', entry.state || ''), el('td', entry.summary), traceCell(entry.traceId, entry.traceUrl));
    tbody.append(tr);
  }
  const decided = Object.entries(counts).map(([k, n]) => n + ' × ' + k).join(', ');
  $('timeline-summary').textContent = 'document ' + view.documentId + ': ' + (view.state || 'not registered')
    + ' at v' + view.version + ' · ' + view.entries.length + ' steps' + (decided ? ' · ' + decided : '')
    + (view.truncated ? ' · older records not read (partition larger than the console reads)' : '')
    + (view.unreadable.length ? ' · unreadable records skipped: ' + view.unreadable.join(', ') : '');
  $('timeline-summary').dataset.loaded = view.documentId;
  for (const job of view.jobs) {
    const tr = el('tr');
    tr.append(el('td', job.kind), el('td', job.jobId, 'mono'), el('td', job.attempt + (job.issue > 1 ? ' (issue ' + job.issue + ')' : '')),
      el('td', 'v' + job.requestedAtVersion), el('td', job.fate), el('td', job.staleResults.join('; ')));
    $('jobs').tBodies[0].append(tr);
  }
}

// ---- live view: server-sent events read with fetch (an EventSource cannot send the bearer token) ----

function format(n) {
  return n === null || n === undefined ? '–' : (Number.isInteger(n) ? String(n) : n.toFixed(1));
}

function onSample(sample) {
  $('live-commands').textContent = format(sample.commandsPerSecond);
  $('live-duplicates').textContent = format(sample.duplicatesPerSecond);
  $('live-jobs').textContent = format(sample.jobsPerSecond);
  $('live-dlq').textContent = format(sample.dlqRecords);
  $('live-lag').textContent = format(sample.consumerLag);
  $('live-stuck').textContent = format(Object.values(sample.stuckDocuments || {}).reduce((a, b) => a + b, 0));
  $('live-status').textContent = 'updated ' + new Date(sample.time).toLocaleTimeString();
  $('live').dataset.samples = String(Number($('live').dataset.samples || 0) + 1);
  samples.push(sample);
  if (samples.length > SAMPLES) {
    samples.shift();
  }
  drawChart();
}

function drawChart() {
  const svg = $('chart');
  const max = Math.max(1, ...samples.map((s) => Math.max(s.commandsPerSecond, s.duplicatesPerSecond, s.jobsPerSecond)));
  const lines = [['commands', 'commandsPerSecond'], ['duplicates', 'duplicatesPerSecond'], ['jobs', 'jobsPerSecond']];
  svg.replaceChildren();
  for (const [name, field] of lines) {
    const points = samples.map((s, i) => (i * 600 / (SAMPLES - 1)).toFixed(1) + ',' + (115 - s[field] * 110 / max).toFixed(1));
    const line = document.createElementNS('http://www.w3.org/2000/svg', 'polyline');
    line.setAttribute('class', name);
    line.setAttribute('points', points.join(' '));
    svg.append(line);
  }
}

async function live() {
  while (token) {
    try {
      const response = await fetch('/ops/api/live', { headers: { Authorization: 'Bearer ' + token, Accept: 'text/event-stream' } });
      if (response.status === 401 || response.status === 403) {
        signOut('The token was refused.');
        return;
      }
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      $('live-status').textContent = 'connected';
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) {
          break;
        }
        buffer += value.replace(/\r\n/g, '\n');
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block.split('\n').filter((l) => l.startsWith('data:')).map((l) => l.slice(5)).join('\n');
          if (data) {
            onSample(JSON.parse(data));
          }
        }
      }
    } catch (e) {
      $('live-status').textContent = 'disconnected, reconnecting…';
    }
    await sleep(2000);
  }
}

// ---- dead letters ----

async function showDeadLetters() {
  const tbody = $('dlq-table').tBodies[0];
  let listing;
  try {
    listing = await api('/ops/api/dlq');
  } catch (e) {
    showError(e.message);
    return;
  }
  tbody.replaceChildren();
  $('dlq-summary').textContent = listing.offsets + ' offset(s) in docpipe.dlq; the newest ' + listing.records.length + ' shown';
  for (const d of listing.records) {
    const tr = el('tr');
    const button = el('button', 'Replay');
    button.type = 'button';
    button.addEventListener('click', () => replay(d.address, button));
    const action = el('td');
    action.append(button);
    tr.append(el('td', d.address, 'mono'), el('td', d.timestamp.replace('T', ' ').replace('Z', ''), 'mono'),
      el('td', d.reason), el('td', d.detail || ''), el('td', d.source, 'mono'), el('td', d.key || '', 'mono'),
      traceCell(d.traceId, d.traceUrl), action);
    tbody.append(tr);
  }
}

async function replay(address, button) {
  if (!window.confirm('Replay ' + address + ' into its source topic (as docpipe dlq replay does)?')) {
    return;
  }
  button.disabled = true;
  try {
    const results = await api('/ops/api/dlq/replay', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ addresses: [address], dryRun: false, skipUnreadable: false }),
    });
    $('dlq-result').textContent = results.map((r) => r.address + ' (' + r.reason + ') -> ' + r.target + ': ' + r.status
      + (r.newAddress ? ' as ' + r.newAddress : '') + (r.check === 'readable' ? '' : ' [warning: ' + r.check + ']')).join('; ');
  } catch (e) {
    showError(e.message);
    button.disabled = false;
  }
}

// ---- sign-in ----

function signOut(message) {
  token = null;
  sessionStorage.removeItem(TOKEN_KEY);
  $('console').hidden = true;
  $('sign-out').hidden = true;
  $('sign-in').hidden = false;
  showError(message);
}

function start() {
  $('sign-in').hidden = true;
  $('console').hidden = false;
  $('sign-out').hidden = false;
  showError(null);
  live();
  showDeadLetters();
  const fragment = new URLSearchParams(location.hash.slice(1));
  if (fragment.get('document')) {
    $('document-id').value = fragment.get('document');
    showTimeline(fragment.get('document'));
  }
}

document.addEventListener('DOMContentLoaded', () => {
  const fragment = new URLSearchParams(location.hash.slice(1));
  if (fragment.get('token')) {
    sessionStorage.setItem(TOKEN_KEY, fragment.get('token'));
    fragment.delete('token');
    // the token leaves the address bar (and the history) at once
    history.replaceState(null, '', location.pathname + (fragment.toString() ? '#' + fragment : ''));
  }
  token = sessionStorage.getItem(TOKEN_KEY);
  $('token-form').addEventListener('submit', (e) => {
    e.preventDefault();
    token = $('token-input').value.trim();
    sessionStorage.setItem(TOKEN_KEY, token);
    $('token-input').value = '';
    start();
  });
  $('sign-out').addEventListener('click', () => signOut(null));
  $('search-form').addEventListener('submit', (e) => {
    e.preventDefault();
    showTimeline($('document-id').value.trim());
  });
  $('dlq-refresh').addEventListener('click', showDeadLetters);
  if (token) {
    start();
  } else {
    $('sign-in').hidden = false;
  }
});
