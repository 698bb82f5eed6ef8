// Calls the REST API with the session cookie (sent by the browser; the page never sees it) and the CSRF token.
let csrfToken = null;

export class ApiError extends Error {
  constructor(status, detail, body) {
    super(detail);
    this.status = status;
    this.body = body; // the whole problem (e.g. a rule upload's problems), or null
  }
}

export function useCsrf(token) {
  csrfToken = token;
}

export async function call(method, path, body) {
  const headers = {Accept: 'application/json'};
  if (method !== 'GET') headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  const response = await fetch('/api' + path, {
    method, headers, credentials: 'same-origin', body: method === 'GET' ? undefined : body === undefined ? '' : JSON.stringify(body)
  });
  const text = await response.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch (e) {
    data = null;
  }
  if (!response.ok) {
    throw new ApiError(response.status, (data && data.detail) || response.statusText || String(response.status), data);
  }
  return data;
}

export const get = path => call('GET', path);
export const post = (path, body) => call('POST', path, body);
export const del = path => call('DELETE', path);
