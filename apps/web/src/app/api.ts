export type FieldError = { field: string; message: string };

export type Page<T> = { items: T[]; nextCursor: string | null };

type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue>;

/** An error answered by the server as `{error:{code,message,details}}`, or a failure to reach it. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: FieldError[];

  constructor(status: number, code: string, message: string, details: FieldError[] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

export const NETWORK_ERROR = 'network_error';
export const UNEXPECTED_RESPONSE = 'unexpected_response';

// Kept in memory only: the session cookie is HttpOnly, the CSRF token comes from login and /me.
let csrfToken: string | null = null;
let acceptLanguage = 'zh-CN';

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function setApiLanguage(language: string): void {
  acceptLanguage = language;
}

function buildUrl(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

function isFieldErrorList(value: unknown): value is FieldError[] {
  return (
    Array.isArray(value) &&
    value.every((d) => typeof d === 'object' && d !== null && 'field' in d && 'message' in d)
  );
}

async function readError(response: Response): Promise<ApiError> {
  const body: unknown = await response.json().catch(() => null);
  const error = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
  if (error && typeof error.code === 'string' && typeof error.message === 'string') {
    return new ApiError(response.status, error.code, error.message, isFieldErrorList(error.details) ? error.details : []);
  }
  return new ApiError(response.status, UNEXPECTED_RESPONSE, response.statusText);
}

async function send(method: string, path: string, options: { query?: Query; body?: unknown; accept: string }): Promise<Response> {
  const headers: Record<string, string> = { 'Accept-Language': acceptLanguage, Accept: options.accept };
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) {
    body = options.body;
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), { method, headers, body, credentials: 'same-origin' });
  } catch (cause) {
    throw new ApiError(0, NETWORK_ERROR, cause instanceof Error ? cause.message : String(cause));
  }
  if (!response.ok) throw await readError(response);
  return response;
}

async function request<T>(method: string, path: string, options: { query?: Query; body?: unknown } = {}): Promise<T> {
  const response = await send(method, path, { ...options, accept: 'application/json' });
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** The file name the server gave in Content-Disposition (RFC 5987 filename* first), else the fallback. */
function fileNameOf(response: Response, fallback: string): string {
  const header = response.headers.get('content-disposition') ?? '';
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(header)?.[1];
  if (encoded) return decodeURIComponent(encoded);
  return /filename="([^"]+)"/i.exec(header)?.[1] ?? fallback;
}

/** POSTs and saves the answer as a file (Word/Excel exports), the way a browser download does. */
export async function downloadFile(path: string, body: unknown, fallbackName: string): Promise<void> {
  const response = await send('POST', path, { body, accept: '*/*' });
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = fileNameOf(response, fallbackName);
  link.click();
  URL.revokeObjectURL(url);
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', path, { query }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  delete: <T>(path: string) => request<T>('DELETE', path),
};

/**
 * POSTs a multipart form through XMLHttpRequest, the one browser API that reports upload progress
 * (`onProgress` gets 0–100); answers and errors are read as `request` reads them.
 */
export function uploadWithProgress<T>(path: string, form: FormData, onProgress: (percent: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('Accept-Language', acceptLanguage);
    xhr.setRequestHeader('Accept', 'application/json');
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(Math.round((event.loaded / event.total) * 100));
    };
    xhr.onerror = () => reject(new ApiError(0, NETWORK_ERROR, 'upload failed'));
    xhr.onload = () => {
      if (xhr.status < 200 || xhr.status >= 300) {
        void readError(new Response(xhr.responseText, { status: xhr.status, statusText: xhr.statusText })).then(reject);
      } else {
        resolve((xhr.status === 204 ? undefined : JSON.parse(xhr.responseText)) as T);
      }
    };
    xhr.send(form);
  });
}

/** Follows nextCursor to the end; for option lists (departments, users) that stay hospital-sized. */
export async function fetchAllItems<T>(path: string, query: Query = {}): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<T> = await api.get<Page<T>>(path, { ...query, limit: 200, cursor });
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}
