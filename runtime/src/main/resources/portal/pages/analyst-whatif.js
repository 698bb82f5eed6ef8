// The what-if workbench: a candidate rule set (files or a folder picked in the browser, read with the File API and
// sent as JSON; or, for administrators, a folder on the bus's disk), a period and maybe one decision. POST
// /api/admin/rules/replay starts the job (a candidate that does not compile is answered 422 with its problems and
// nothing runs); GET .../{jobId} is polled for progress, then the summary: by old -> new verdict, by rule, and the
// changed decisions, each opening in the explorer's decision panel.
import {get, post, ApiError} from '../api.js';
import {h, section, table, field, badge, when} from '../dom.js';
import {t} from '../i18n.js';
import {status, failed} from '../ui.js';

const BINARY = /\.(xls|xlsx)$/i;
const POLL_MS = 400;
const CHANGES = 100;

/** A datetime-local value (the analyst's own time) as an instant for the API ('' stays ''). */
export function instant(local) {
  return local ? new Date(local).toISOString() : '';
}

/** A time as the value of a datetime-local input (the analyst's own time, to the minute). */
export function localInput(date) {
  const shifted = new Date(date.getTime() - date.getTimezoneOffset() * 60000);
  return shifted.toISOString().slice(0, 16);
}

/** Where an uploaded file goes in the candidate: decision/file (subfolders kept); null to leave it out. */
function pathOf(file, decision) {
  const relative = file.webkitRelativePath;
  let parts;
  if (!relative) {
    parts = decision ? [decision, file.name] : null;
  } else {
    parts = relative.split('/');
    if (decision && parts.includes(decision)) parts = parts.slice(parts.indexOf(decision));
    else if (parts.length >= 3) parts = parts.slice(1); // the decisions folder itself was picked
  }
  if (!parts || parts.includes('scenarios') || parts.some(p => p.startsWith('.'))) return null;
  return parts.join('/');
}

async function fileBody(file, path) {
  if (!BINARY.test(file.name)) return {path, content: await file.text()};
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return {path, contentBase64: btoa(binary)};
}

export function whatIfSection(session, open) {
  const files = h('input', {type: 'file', id: 'whatif-files', multiple: true});
  const folder = h('input', {type: 'file', id: 'whatif-folder', multiple: true, webkitdirectory: true});
  const serverDir = h('input', {type: 'text', id: 'whatif-dir', maxlength: 1000, placeholder: '/srv/rules/candidate'});
  const since = h('input', {type: 'datetime-local', id: 'whatif-since', value: localInput(new Date(Date.now() - 7 * 86400000))});
  const until = h('input', {type: 'datetime-local', id: 'whatif-until'});
  const decision = h('input', {type: 'text', id: 'whatif-decision', maxlength: 64, placeholder: 'tap-authorize'});
  const result = h('div', {id: 'whatif-result', 'aria-live': 'polite'});
  const admin = session.roles.includes('admin');

  const request = async () => {
    const name = decision.value.trim();
    const body = {since: instant(since.value), until: instant(until.value) || null, decision: name || null};
    const picked = [...files.files, ...folder.files];
    if (admin && serverDir.value.trim() && !picked.length) return {...body, candidateDir: serverDir.value.trim()};
    if (!picked.length) throw new Error(t('noCandidate'));
    if (files.files.length && !name) throw new Error(t('needsDecision'));
    status(t('reading', {count: picked.length}));
    const chosen = picked.map(f => [f, pathOf(f, name)]).filter(([, path]) => path);
    return {...body, files: await Promise.all(chosen.map(([f, path]) => fileBody(f, path)))};
  };
  const run = async () => {
    result.replaceChildren();
    let job;
    try {
      job = await post('/admin/rules/replay', await request());
      status('');
    } catch (e) {
      if (e instanceof ApiError && e.status === 422 && e.body && e.body.problems) {
        result.replaceChildren(problemsView(e.body.problems));
        status(t('notCompiling'), 'error');
        return;
      }
      throw e;
    }
    await follow(job, result, open);
  };
  return section(t('whatIf'), h('div', {className: 'whatif'},
    h('p', {className: 'muted'}, t('whatIfHelp')),
    h('fieldset', {}, h('legend', {}, t('candidate')),
      ...field(t('uploadFiles'), files), ...field(t('uploadFolder'), folder), h('p', {className: 'muted'}, t('uploadHelp')),
      admin ? field(t('serverFolder'), serverDir) : null),
    ...field(t('onlyDecision'), decision), ...field(t('since'), since), ...field(t('until'), until),
    h('button', {type: 'button', id: 'whatif-run', onclick: () => run().catch(e => failed(e))}, t('run')),
    result));
}

function problemsView(problems) {
  return h('div', {id: 'whatif-problems'}, h('p', {className: 'error'}, t('notCompiling')),
    table([t('problemFile'), t('problemLine'), t('problemMessage')],
      problems.map(p => [p.file || p.decision || '', p.line ? {num: p.line} : '', p.message]), 'whatif-problem-list'));
}

async function follow(started, result, open) {
  const bar = h('progress', {id: 'whatif-progress', max: 1, value: 0});
  const text = h('p', {id: 'whatif-progress-text'});
  result.replaceChildren(bar, text);
  let job = started;
  while (job.state === 'QUEUED' || job.state === 'RUNNING') {
    text.textContent = job.state === 'QUEUED' ? t('queued')
      : t('progress', {processed: job.processed, total: job.total === null ? '?' : job.total});
    bar.max = Math.max(1, job.total || 1);
    bar.value = job.processed;
    await new Promise(resolve => setTimeout(resolve, POLL_MS));
    if (!result.isConnected) return; // the analyst left the page
    job = await get(`/admin/rules/replay/${encodeURIComponent(started.jobId)}?limit=${CHANGES}`);
  }
  if (job.state === 'FAILED') {
    result.replaceChildren(h('p', {className: 'error', id: 'whatif-failed'}, t('replayFailed', {error: job.error || ''})));
    return;
  }
  result.replaceChildren(summaryView(job, open));
}

function summaryView(job, open) {
  const s = job.summary;
  const count = (label, value, id) => [h('dt', {}, label), h('dd', {id}, String(value))];
  const parts = [h('h3', {}, t('summary')),
    h('dl', {className: 'decision', id: 'whatif-summary'}, count(t('replayed'), s.replayed, 'whatif-replayed'),
      count(t('changed'), s.changed, 'whatif-changed'), count(t('unchanged'), s.unchanged, 'whatif-unchanged'),
      count(t('skipped'), s.skippedWithoutFacts, 'whatif-skipped'), count(t('failedCount'), s.failed, 'whatif-failed-count'))];
  if (!s.changed) {
    parts.push(h('p', {className: 'ok', id: 'whatif-nothing'}, t('nothingChanged')));
    return h('div', {}, parts);
  }
  parts.push(h('h3', {}, t('verdictChanges')), table([t('change'), t('count')],
    Object.entries(s.verdictChanges).map(([change, n]) => [change, {num: n}]), 'whatif-verdicts'));
  parts.push(h('h3', {}, t('byRule')), table([t('rule'), t('nowFires'), t('stopsFiring')],
    Object.entries(s.rules).map(([rule, n]) => [rule, {num: n.nowFires}, {num: n.stopsFiring}]), 'whatif-rules'));
  const changes = h('div', {});
  const more = h('button', {type: 'button', className: 'secondary', id: 'whatif-more'}, t('moreChanges'));
  let shown = [];
  const show = page => {
    shown = shown.concat(page.changedDecisions);
    changes.replaceChildren(changedTable(shown, open));
    more.hidden = page.nextChangedFrom === null || page.nextChangedFrom === undefined;
    more.dataset.from = page.nextChangedFrom;
  };
  more.addEventListener('click', () => get(`/admin/rules/replay/${encodeURIComponent(job.jobId)}?changedFrom=${more.dataset.from}&limit=${CHANGES}`)
    .then(show).catch(failed));
  show(job);
  parts.push(h('h3', {}, t('changedDecisions')), changes, more,
    s.changesTruncated ? h('p', {className: 'muted'}, t('truncated', {count: shown.length})) : null);
  return h('div', {}, parts);
}

function changedTable(changes, open) {
  return table([t('when'), t('decision'), t('change'), t('nowFires'), t('stopsFiring'), ''], changes.map(c => [
    when(c.decidedAt), c.decisionName, h('span', {}, badge(c.oldVerdict), ' -> ', badge(c.newVerdict)),
    c.rulesNowFiring.join(', '), c.rulesNoLongerFiring.join(', '),
    h('button', {type: 'button', className: 'link open-changed', id: 'changed-' + c.decisionId,
      onclick: () => open(c.decisionId)}, t('open'))]), 'whatif-changes');
}
