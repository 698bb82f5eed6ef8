// Building the page without ever parsing data as HTML: every value becomes a text node (textContent).

/** An element: h('td', {className: 'num'}, 'text', childElement, ...). Props starting with "on" are listeners. */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(props || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) el.addEventListener(name.slice(2).toLowerCase(), value);
    else if (name === 'className') el.className = value;
    else if (name === 'dataset') Object.assign(el.dataset, value);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** A table with a header row; rows are arrays of cells (text or elements; {num: value} right-aligned). */
export function table(headers, rows, id) {
  return h('div', {className: 'table-wrap'},
    h('table', {id},
      h('thead', {}, h('tr', {}, headers.map(text => h('th', {scope: 'col'}, text)))),
      h('tbody', {}, rows.map(row => h('tr', {}, row.map(cell =>
        cell && typeof cell === 'object' && 'num' in cell ? h('td', {className: 'num'}, cell.num) : h('td', {}, cell)))))));
}

export function section(title, ...children) {
  return h('section', {className: 'card'}, h('h2', {}, title), ...children);
}

export function field(label, input) {
  const id = input.id || ('f-' + Math.random().toString(36).slice(2));
  input.id = id;
  return [h('label', {for: id}, label), input];
}

export function badge(text) {
  return h('span', {className: 'badge ' + String(text).replace(/[^A-Z_]/g, '')}, text);
}

/** Minor units as a decimal amount with the currency (1250 CNY is 12.50 CNY). */
export function money(minor, currency = 'CNY') {
  if (minor === null || minor === undefined) return '';
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')} ${currency}`;
}

export function when(iso) {
  return iso ? new Date(iso).toLocaleString() : '';
}

export function clear(el) {
  el.replaceChildren();
  return el;
}
