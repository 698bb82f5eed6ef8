// The administrator's page: partners and credentials (create; issue, rotate and revoke a credential, the secret
// shown once), rule sets with versions and the last reload result, the links' health, readers with their key check
// values (never a key), the audit log.
import {get, post, del} from '../api.js';
import {h, section, table, field, badge, when} from '../dom.js';
import {t} from '../i18n.js';
import {status, failed} from '../ui.js';
import './admin-texts.js';

const KINDS = ['MERCHANT', 'ADVERTISER', 'MANUFACTURER', 'BANK', 'OPERATOR', 'PLATFORM'];
const ROLES = ['merchant', 'issuer', 'manufacturer', 'advertiser', 'bank', 'operator', 'events', 'analyst', 'admin'];

export async function adminPage(view) {
  const [partners, rules, audit, health, readers] = await Promise.all([get('/partners'), get('/admin/rules'),
    get('/admin/audit'), get('/admin/links'), get('/admin/reader-keys')]);
  const secretBox = h('div', {id: 'secret-box', 'aria-live': 'polite'});
  view.append(h('h1', {}, t('navAdmin')));
  view.append(section(t('partners'), table([t('partnerId'), t('name'), t('kind'), t('status'), t('created')],
    partners.map(p => [p.partnerId, p.name, p.kind, badge(p.status), when(p.createdAt)]), 'partners')));
  view.append(h('div', {className: 'grid'}, newPartner(view), credentials(partners, secretBox)));
  view.append(section(t('rules'), rulesTable(rules)));
  view.append(section(t('health'), healthTable(health)));
  view.append(section(t('readerKeys'), h('p', {className: 'muted'}, t('readerKeysHelp')),
    table([t('readerId'), t('merchant'), t('location'), t('status'), t('keyCheckValue')],
      readers.readers.map(r => [r.readerId, r.merchantId, r.location || '', badge(r.status), h('code', {}, r.keyCheckValue)]),
      'reader-keys')));
  view.append(section(t('audit'), table([t('when'), t('actor'), t('action'), t('target'), t('details')],
    audit.slice(0, 50).map(a => [when(a.at), a.actor, a.action, a.target, a.details || '']), 'audit')));
}

function newPartner(view) {
  const id = h('input', {type: 'text', id: 'new-partner-id', maxlength: 64});
  const name = h('input', {type: 'text', id: 'new-partner-name', maxlength: 200});
  const kind = h('select', {id: 'new-partner-kind'}, KINDS.map(k => h('option', {value: k}, k)));
  return section(t('newPartner'), ...field(t('partnerId'), id), ...field(t('name'), name), ...field(t('kind'), kind),
    h('button', {type: 'button', id: 'create-partner', onclick: async () => {
      try {
        const created = await post('/partners', {partnerId: id.value.trim(), name: name.value, kind: kind.value});
        view.replaceChildren();
        await adminPage(view);
        status(t('created1', {id: created.partnerId}), 'ok');
      } catch (e) {
        failed(e);
      }
    }}, t('create')));
}

function credentials(partners, secretBox) {
  const partner = h('select', {id: 'credential-partner'}, partners.map(p => h('option', {value: p.partnerId}, p.partnerId)));
  const boxes = ROLES.map(role => h('label', {className: 'muted'},
    h('input', {type: 'checkbox', value: role, id: 'role-' + role}), ' ' + role));
  const keyId = h('input', {type: 'text', id: 'credential-key-id', maxlength: 64});
  const roles = () => boxes.map(b => b.querySelector('input')).filter(i => i.checked).map(i => i.value);
  const issue = async () => {
    const credential = await post(`/partners/${encodeURIComponent(partner.value)}/credentials`, {roles: roles()});
    secretBox.replaceChildren(h('p', {}, t('secretOnce')),
      h('p', {className: 'secret', id: 'new-secret'}, credential.token),
      h('p', {className: 'muted'}, `${t('keyId')}: ${credential.keyId} - ${t('roles')}: ${credential.roles.join(', ')}`));
    return credential;
  };
  const revoke = async () => {
    const revoked = await del(`/credentials/${encodeURIComponent(keyId.value.trim())}`);
    status(t('revoked', {id: revoked.keyId}), 'ok');
  };
  return section(t('credentials'), ...field(t('partnerId'), partner), h('fieldset', {}, h('legend', {}, t('roles')), boxes),
    h('button', {type: 'button', id: 'issue-credential', onclick: () => issue().catch(failed)}, t('issue')),
    ...field(t('keyId'), keyId),
    h('button', {type: 'button', id: 'revoke-credential', className: 'danger', onclick: () => revoke().catch(failed)}, t('revoke')),
    h('button', {type: 'button', id: 'rotate-credential', className: 'secondary', onclick: async () => {
      try {
        await issue();
        await revoke();
      } catch (e) {
        failed(e);
      }
    }}, t('rotate')),
    secretBox);
}

function rulesTable(rules) {
  const rows = rules.decisions.map(d => [d.name, d.version || '', when(d.loadedAt), badge(d.available ? 'ACTIVE' : 'BLOCKED'),
    d.lastProblems && d.lastProblems.length
      ? h('ul', {}, d.lastProblems.map(p => h('li', {}, [p.file, p.line, p.message].filter(x => x !== undefined && x !== null).join(': '))))
      : '']);
  return h('div', {},
    h('p', {className: rules.healthy ? 'ok' : 'error', id: 'rules-state'}, rules.healthy ? t('rulesHealthy') : t('rulesBroken')),
    table([t('rules'), t('version'), t('loaded'), t('status'), t('problems')], rows, 'rules'));
}

function healthTable(health) {
  const rows = [];
  for (const check of health.checks) {
    rows.push([check.id, '', badge(check.state), check.message || '']);
    for (const [link, state] of Object.entries(check.details)) {
      rows.push(['', link, badge(state), '']);
    }
  }
  return h('div', {},
    h('p', {className: health.status === 'UP' ? 'ok' : 'error', id: 'health-state'},
      `${health.status} - ${t('routesDown')}: ${health.routesDown} - ${when(health.checkedAt)}`),
    table([t('check'), t('link'), t('state'), t('details')], rows, 'health'));
}
