export type Locale = 'zh-CN' | 'en';

type Messages = { 'zh-CN': string; en: string };

/** A field and what is wrong with it, in both languages; the response carries the caller's. */
export type FieldProblem = { field: string; messages: Messages };

/** The one error type of the platform: a stable code, an HTTP status and a message in both locales. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly messages: Messages,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(messages.en);
  }

  messageIn(locale: Locale) {
    return this.messages[locale];
  }
}

export const errors = {
  validation: (details: FieldProblem[]) =>
    new AppError(400, 'validation_failed', { 'zh-CN': '提交的数据有误，请检查标出的字段', en: 'Some fields are invalid' }, details),
  invalidField: (field: string, zh: string, en: string) =>
    new AppError(400, 'validation_failed', { 'zh-CN': zh, en }, [{ field, messages: { 'zh-CN': zh, en } }]),
  unauthenticated: () => new AppError(401, 'unauthenticated', { 'zh-CN': '请先登录', en: 'Sign in first' }),
  invalidCredentials: () => new AppError(401, 'invalid_credentials', { 'zh-CN': '用户名或密码错误', en: 'Wrong username or password' }),
  tooManyAttempts: (retryAfterSeconds: number) =>
    new AppError(
      429,
      'too_many_attempts',
      { 'zh-CN': `登录失败次数过多，请 ${Math.ceil(retryAfterSeconds / 60)} 分钟后再试`, en: `Too many failed sign-ins; try again in ${Math.ceil(retryAfterSeconds / 60)} minutes` },
      { retryAfterSeconds },
      { 'retry-after': String(retryAfterSeconds) },
    ),
  csrf: () => new AppError(403, 'csrf_failed', { 'zh-CN': '请求缺少有效的 CSRF 令牌，请刷新页面后重试', en: 'Missing or invalid CSRF token; reload the page and retry' }),
  forbidden: () => new AppError(403, 'forbidden', { 'zh-CN': '没有权限执行此操作', en: 'You are not allowed to do this' }),
  insufficientScope: (scope: string) =>
    new AppError(403, 'insufficient_scope', { 'zh-CN': `API 令牌缺少权限范围 ${scope}`, en: `The API token lacks the scope ${scope}` }, { scope }),
  notFound: (entity: string) => new AppError(404, 'not_found', { 'zh-CN': '找不到该记录', en: `${entity} not found` }, { entity }),
  routeNotFound: (method: string, url: string) =>
    new AppError(404, 'route_not_found', { 'zh-CN': '接口不存在', en: `No route ${method} ${url}` }),
  conflict: (field: string, zh: string, en: string) => new AppError(409, 'conflict', { 'zh-CN': zh, en }, [{ field, messages: { 'zh-CN': zh, en } }]),
  accountDisabled: () => new AppError(403, 'account_disabled', { 'zh-CN': '账号已停用，请联系管理员', en: 'This account is disabled' }),
  payloadTooLarge: () => new AppError(413, 'payload_too_large', { 'zh-CN': '上传内容过大', en: 'Payload too large' }),
  unsupportedMediaType: (allowed: string[]) =>
    new AppError(415, 'unsupported_media_type', { 'zh-CN': `仅支持 ${allowed.join('、')}`, en: `Only ${allowed.join(', ')} accepted` }, { allowed }),
  internal: () => new AppError(500, 'internal_error', { 'zh-CN': '服务器内部错误，请稍后重试', en: 'Internal server error' }),
};

export function localeOf(acceptLanguage: string | undefined): Locale {
  if (!acceptLanguage) return 'zh-CN';
  const first = acceptLanguage.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh-CN';
}

const isFieldProblem = (d: unknown): d is FieldProblem => typeof d === 'object' && d !== null && 'field' in d && 'messages' in d;

export function errorBody(err: AppError, locale: Locale) {
  const details = Array.isArray(err.details)
    ? err.details.map((d) => (isFieldProblem(d) ? { field: d.field, message: d.messages[locale] } : d))
    : (err.details ?? null);
  return { error: { code: err.code, message: err.messageIn(locale), details } };
}
