export type ApiResponse<T = any> = { status: number; body: T; headers: Headers };

/** A browser-like client over real HTTP: keeps the session cookie and sends the CSRF token on writes. */
export class ApiClient {
  cookie: string | null = null;
  csrfToken: string | null = null;
  bearer: string | null = null;

  constructor(readonly baseUrl: string) {}

  static withToken(baseUrl: string, token: string) {
    const client = new ApiClient(baseUrl);
    client.bearer = token;
    return client;
  }

  async login(username: string, password: string): Promise<ApiResponse> {
    const res = await this.request('POST', '/api/auth/login', { username, password });
    if (res.status !== 200) throw new Error(`login as ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res;
  }

  get<T = any>(path: string) {
    return this.request<T>('GET', path);
  }
  post<T = any>(path: string, body?: unknown) {
    return this.request<T>('POST', path, body);
  }
  patch<T = any>(path: string, body?: unknown) {
    return this.request<T>('PATCH', path, body);
  }
  put<T = any>(path: string, body?: unknown) {
    return this.request<T>('PUT', path, body);
  }
  delete<T = any>(path: string) {
    return this.request<T>('DELETE', path);
  }

  async request<T = any>(method: string, path: string, body?: unknown, extraHeaders: Record<string, string> = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...extraHeaders };
    if (this.cookie) headers.cookie = this.cookie;
    if (this.bearer) headers.authorization = `Bearer ${this.bearer}`;
    if (this.csrfToken && method !== 'GET' && !('x-csrf-token' in extraHeaders)) headers['x-csrf-token'] = this.csrfToken;
    let payload: BodyInit | undefined;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      headers['content-type'] ??= 'application/json';
      payload = typeof body === 'string' ? body : JSON.stringify(body);
    }
    const res = await fetch(this.baseUrl + path, { method, headers, body: payload, redirect: 'manual' });
    const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('rongmei_session='));
    if (setCookie) {
      const value = setCookie.split(';')[0];
      this.cookie = value === 'rongmei_session=' ? null : value;
    }
    const text = await res.text();
    const parsed = text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text;
    if (parsed && typeof parsed === 'object' && 'csrfToken' in parsed && typeof parsed.csrfToken === 'string') this.csrfToken = parsed.csrfToken;
    return { status: res.status, body: parsed as T, headers: res.headers };
  }
}
