// English and Chinese texts of the portal. The choice is remembered in localStorage ("tapbus.lang").
const TEXTS = {
  en: {
    skip: 'Skip to content', brand: 'TapBus portal', signOut: 'Sign out', switchTo: '中文',
    signInTitle: 'Sign in', phoneSignIn: 'Phone user', phoneHelp: 'Your phone number; a one-time code comes by SMS.',
    msisdn: 'Phone number', sendCode: 'Send code', code: 'Code from the SMS', signIn: 'Sign in',
    codeSent: 'A code was sent by SMS. On the demo without an SMSC it is in the bus log (a line starting "DEMO one-time code").',
    partnerSignIn: 'Partner, administrator or analyst', credential: 'API credential (keyId.secret)',
    credentialHelp: 'The credential an administrator issued to you. It stays on the server; the browser keeps only a session cookie.',
    navMe: 'My cards', navAdmin: 'Administration', navPartner: 'My business', navAnalyst: 'Decisions',
    myCards: 'My cards', card: 'Card', state: 'State', issued: 'Issued', block: 'Block my card',
    blockConfirm: 'Block card {card}? It cannot pay until the issuer unblocks it.', blocked: 'Card {card} is blocked.',
    balances: 'Balances', account: 'Account', kind: 'Kind', balance: 'Balance',
    history: 'History', historyOf: 'History of card {card}', when: 'When', what: 'What', amount: 'Amount',
    verdict: 'Outcome', why: 'Why', noReasons: 'approved: no rule declined it', none: 'Nothing yet.',
    memberships: 'Memberships', programme: 'Programme', tier: 'Tier', points: 'Points',
    consents: 'Consents', purpose: 'Purpose', granted: 'Granted', grant: 'Give', withdraw: 'Withdraw', yes: 'yes', no: 'no',
    partners: 'Partners', partnerId: 'Partner id', name: 'Name', status: 'Status', created: 'Created',
    newPartner: 'New partner', create: 'Create', created1: 'Partner {id} created.',
    credentials: 'Credentials', roles: 'Roles', issue: 'Issue credential', rotate: 'Rotate (issue new, revoke old)',
    revoke: 'Revoke', keyId: 'Key id', secretOnce: 'The new credential, shown only now - copy it:',
    revoked: 'Credential {id} revoked.', audit: 'Audit log', actor: 'Actor', action: 'Action', target: 'Target',
    details: 'Details', rules: 'Rule sets', version: 'Version', loaded: 'Loaded', problems: 'Last reload problems',
    rulesHealthy: 'All rule sets loaded.', rulesBroken: 'A rule file is broken:', reload: 'Reload rules now',
    health: 'Health of the links', check: 'Check', link: 'Link', routesDown: 'routes down',
    you: 'You', transactions: 'Transactions', perDay: 'Settlement totals per day', day: 'Day', count: 'Count', total: 'Total approved',
    analystTitle: 'Decision explorer and what-if workbench',
    notAllowed: 'This page needs another role.', failed: 'Failed: {detail}', signedOut: 'Signed out.', loading: 'Loading...'
  },
  zh: {
    skip: '跳到内容', brand: 'TapBus 门户', signOut: '退出', switchTo: 'English',
    signInTitle: '登录', phoneSignIn: '手机用户', phoneHelp: '输入手机号码，一次性验证码将通过短信发送。',
    msisdn: '手机号码', sendCode: '发送验证码', code: '短信验证码', signIn: '登录',
    codeSent: '验证码已通过短信发送。没有短信中心的演示环境中，验证码在总线日志中（以 "DEMO one-time code" 开头的行）。',
    partnerSignIn: '合作伙伴、管理员或分析员', credential: 'API 凭证（keyId.secret）',
    credentialHelp: '管理员为您签发的凭证。凭证只保存在服务器上，浏览器只保存会话 Cookie。',
    navMe: '我的卡', navAdmin: '系统管理', navPartner: '我的业务', navAnalyst: '决策',
    myCards: '我的卡', card: '卡', state: '状态', issued: '发卡时间', block: '挂失我的卡',
    blockConfirm: '挂失卡 {card}？在发卡方解除之前，该卡不能支付。', blocked: '卡 {card} 已挂失。',
    balances: '余额', account: '账户', kind: '类型', balance: '余额',
    history: '交易记录', historyOf: '卡 {card} 的交易记录', when: '时间', what: '内容', amount: '金额',
    verdict: '结果', why: '原因', noReasons: '已批准：没有规则拒绝', none: '暂无记录。',
    memberships: '会员卡', programme: '会员计划', tier: '等级', points: '积分',
    consents: '授权同意', purpose: '用途', granted: '已同意', grant: '同意', withdraw: '撤回', yes: '是', no: '否',
    partners: '合作伙伴', partnerId: '合作伙伴编号', name: '名称', status: '状态', created: '创建时间',
    newPartner: '新建合作伙伴', create: '创建', created1: '合作伙伴 {id} 已创建。',
    credentials: '凭证', roles: '角色', issue: '签发凭证', rotate: '轮换（签发新凭证并吊销旧凭证）',
    revoke: '吊销', keyId: '密钥编号', secretOnce: '新凭证只显示这一次，请复制：',
    revoked: '凭证 {id} 已吊销。', audit: '审计日志', actor: '操作人', action: '操作', target: '对象',
    details: '详情', rules: '规则集', version: '版本', loaded: '加载时间', problems: '上次加载的问题',
    rulesHealthy: '所有规则集均已加载。', rulesBroken: '有规则文件出错：', reload: '立即重新加载规则',
    health: '链路健康状况', check: '检查项', link: '链路', routesDown: '故障路由数',
    you: '您', transactions: '交易', perDay: '每日结算汇总', day: '日期', count: '笔数', total: '批准总额',
    analystTitle: '决策浏览与假设分析工作台',
    notAllowed: '此页面需要其他角色。', failed: '失败：{detail}', signedOut: '已退出。', loading: '加载中…'
  }
};

const KEY = 'tapbus.lang';
let lang = TEXTS[localStorage.getItem(KEY)] ? localStorage.getItem(KEY) : (navigator.language || '').startsWith('zh') ? 'zh' : 'en';

/**
 * Adds a page's own texts ({en: {...}, zh: {...}}), so each page module keeps its texts beside it
 * (pages/*-texts.js) instead of everyone editing one table. A key already present is kept (first wins).
 */
export function addTexts(texts) {
  for (const [code, table] of Object.entries(texts)) {
    TEXTS[code] = Object.assign({}, table, TEXTS[code] || {});
  }
}

export function language() {
  return lang;
}

export function setLanguage(next) {
  lang = TEXTS[next] ? next : 'en';
  localStorage.setItem(KEY, lang);
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
}

/** The text of a key in the current language, with {name} placeholders filled in (as text, never as markup). */
export function t(key, values = {}) {
  const text = TEXTS[lang][key] ?? TEXTS.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (m, name) => (name in values ? String(values[name]) : m));
}

/** Sets the text of every element marked data-i18n in the static page. */
export function translateStatic() {
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  for (const el of document.querySelectorAll('[data-i18n]')) {
    el.textContent = t(el.dataset.i18n);
  }
}
