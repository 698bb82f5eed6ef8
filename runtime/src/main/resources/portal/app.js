// The portal's entry: finds the session (GET /api/portal/session), shows the pages its roles may open, and switches
// language. Pages are modules under pages/; each renders into <main> with text nodes only.
import {get, del, useCsrf, ApiError} from './api.js';
import {h, clear} from './dom.js';
import {t, language, setLanguage, translateStatic} from './i18n.js';
import {status, failed} from './ui.js';
import {signInPage} from './pages/signin.js';
import {phonePage} from './pages/phone.js';
import {adminPage} from './pages/admin.js';
import {partnerPage} from './pages/partner.js';
import {analystPage} from './pages/analyst.js';

const PAGES = {
  me: {label: 'navMe', render: phonePage, allowed: s => s.kind === 'phone'},
  admin: {label: 'navAdmin', render: adminPage, allowed: s => s.kind === 'partner' && s.roles.includes('admin')},
  partner: {label: 'navPartner', render: partnerPage, allowed: s => s.kind === 'partner'},
  analyst: {label: 'navAnalyst', render: analystPage,
    allowed: s => s.kind === 'partner' && (s.roles.includes('analyst') || s.roles.includes('admin'))}
};

let session = null;


async function loadSession() {
  try {
    session = await get('/portal/session');
    useCsrf(session.csrfToken);
  } catch (e) {
    session = null;
    useCsrf(null);
  }
}

async function signedIn(newSession) {
  session = newSession;
  useCsrf(session.csrfToken);
  location.hash = '#' + defaultPage();
  await render();
}

function defaultPage() {
  if (!session) return 'signin';
  if (session.kind === 'phone') return 'me';
  if (session.roles.includes('admin')) return 'admin';
  return session.roles.includes('analyst') ? 'analyst' : 'partner';
}

function renderChrome(current) {
  const nav = clear(document.getElementById('nav'));
  document.getElementById('signout').hidden = !session;
  document.getElementById('who').textContent = session ? `${t('you')}: ${session.subject}` : '';
  document.getElementById('lang').textContent = t('switchTo');
  if (!session) return;
  for (const [name, page] of Object.entries(PAGES)) {
    if (page.allowed(session)) {
      nav.append(h('a', {href: '#' + name, id: 'nav-' + name, 'aria-current': name === current ? 'page' : null}, t(page.label)));
    }
  }
}

async function render() {
  translateStatic();
  const view = clear(document.getElementById('view'));
  let name = location.hash.replace(/^#/, '') || defaultPage();
  if (!session) name = 'signin';
  renderChrome(name);
  if (name === 'signin') {
    if (session) {
      location.hash = '#' + defaultPage();
      return;
    }
    signInPage(view, signedIn);
    return;
  }
  const page = PAGES[name];
  if (!page || !page.allowed(session)) {
    view.append(h('p', {className: 'error'}, t('notAllowed')));
    return;
  }
  // each render fills its own box: a render that a newer one replaced (sign-in sets the hash and renders) adds nothing
  const box = h('div');
  view.append(box);
  try {
    await page.render(box, session);
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      session = null;
      location.hash = '#signin';
    }
    failed(e);
  }
}

async function signOut() {
  try {
    await del('/portal/session');
    status(t('signedOut'), 'ok');
  } catch (e) {
    failed(e);
  }
  session = null;
  useCsrf(null);
  location.hash = '#signin';
  await render();
}

document.getElementById('lang').addEventListener('click', () => {
  setLanguage(language() === 'zh' ? 'en' : 'zh');
  status('');
  render();
});
document.getElementById('signout').addEventListener('click', signOut);
window.addEventListener('hashchange', () => {
  status('');
  render();
});

await loadSession();
await render();
