import { randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import type { JobRunner } from '../jobs/job-runner.ts';
import { SecretBox } from '../secret-box.ts';
import { FileStorage } from '../storage.ts';
import { AuthService } from '../../modules/org/auth.service.ts';
import { createAdapterRegistry } from '../../modules/channels/adapters/adapter-registry.ts';
import { registerChannelRoutes } from '../../modules/channels/channels.routes.ts';
import { registerPublicationJobs } from '../../modules/channels/publication.jobs.ts';
import type { PublishingDeps } from '../../modules/channels/publication.service.ts';
import { registerContentJobs } from '../../modules/content/content.jobs.ts';
import { registerContentRoutes } from '../../modules/content/content.routes.ts';
import { registerExpertRoutes } from '../../modules/experts/experts.routes.ts';
import { registerPortalRoutes } from '../../modules/portal/portal.routes.ts';
import { registerMessagingRoutes } from '../../modules/messaging/messaging.routes.ts';
import { registerOrgRoutes } from '../../modules/org/org.routes.ts';
import { registerOpinionModule } from '../../modules/opinion/opinion.module.ts';
import { registerOpinionAlerts } from '../../modules/opinion/alerts.module.ts';
import { registerOpinionIncidents } from '../../modules/opinion/incidents.module.ts';
import { registerTargetRoutes } from '../../modules/targets/targets.routes.ts';
import { registerTargetJobs } from '../../modules/targets/targets.jobs.ts';
import { registerPointsSettlement } from '../../modules/team/team.jobs.ts';
import { registerTeamRoutes } from '../../modules/team/team.routes.ts';
import { registerNoticeRoutes } from '../notices/notices.routes.ts';
import { registerAuthHooks } from './auth-hooks.ts';
import { registerConsole } from './console.ts';
import { AppError, errorBody, errors, localeOf } from './errors.ts';
import { chineseMessageOf } from './field-messages.ts';
import { responseSerializerCompiler } from './response-serializer.ts';
import { appVersion } from './version.ts';

export type AppDeps = {
  config: Config;
  database: Database;
  logger: Logger;
  sessionSecret: string;
  jobs: JobRunner;
  consoleDir?: string;
};

export type App = FastifyInstance;

declare module 'fastify' {
  interface FastifyInstance {
    deps: { database: Database; auth: AuthService; storage: FileStorage; secrets: SecretBox; config: Config; publishing: PublishingDeps };
  }
}

const requestIdPattern = /^[A-Za-z0-9._:-]{1,64}$/;

export async function buildApp(deps: AppDeps): Promise<App> {
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    // One line per request (the onResponse hook below) instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: deps.config.trustProxy,
    bodyLimit: 1024 * 1024,
    requestIdHeader: false,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && requestIdPattern.test(given) ? given : randomUUID();
    },
    routerOptions: { ignoreTrailingSlash: true },
  });

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(responseSerializerCompiler);
  const storage = new FileStorage(deps.config.dataDir);
  const secrets = SecretBox.fromConfig(deps.config.secretsKey, deps.config.dataDir);
  const publishing: PublishingDeps = { jobs: deps.jobs, adapters: createAdapterRegistry(deps.config), secrets, storage, publicBaseUrl: deps.config.publicBaseUrl };
  app.decorate('deps', {
    database: deps.database,
    auth: new AuthService(deps.database.db, { secret: deps.sessionSecret, idleMinutes: deps.config.sessionIdleMinutes }),
    storage,
    secrets,
    config: deps.config,
    publishing,
  });
  registerPublicationJobs(deps.jobs, deps.database.db, publishing, deps.logger);
  registerPointsSettlement(app, deps.jobs, deps.logger);
  registerContentJobs(deps.jobs, deps.database.db, deps.logger);
  registerTargetJobs(deps.jobs, deps.database.db, deps.logger);

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'same-origin');
    if (request.url.startsWith('/api/') && !request.url.startsWith('/api/docs')) reply.header('cache-control', 'no-store');
  });
  app.addHook('onResponse', async (request, reply) => {
    const level = reply.statusCode >= 500 ? 'error' : 'info';
    request.log[level]({ method: request.method, url: request.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'request');
  });

  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: 2 * 1024 * 1024, files: 1, fields: 5 } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Rongmei 融媒 API', version: appVersion, description: '医院融媒体宣传平台 API. Cookie sessions need the x-csrf-token header on writes; machine clients use Authorization: Bearer <API token>.' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'rongmei_session' },
          apiToken: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { apiToken: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list', deepLinking: true } });

  app.addHook('onClose', async () => app.deps.auth.stopListening());
  registerAuthHooks(app);
  app.setErrorHandler(handleError);

  app.get('/api/openapi.json', { schema: { hide: true }, config: { auth: 'public' } }, async () => app.swagger());
  await app.register(async (api) => registerOrgRoutes(api));
  await app.register(async (api) => registerNoticeRoutes(api));
  await app.register(async (api) => registerMessagingRoutes(api));
  await app.register(async (api) => registerChannelRoutes(api));
  await app.register(async (api) => registerContentRoutes(api));
  await app.register(async (api) => registerExpertRoutes(api));
  await app.register(async (api) => registerPortalRoutes(api));
  await app.register(async (api) => registerTargetRoutes(api));
  await app.register(async (api) => registerTeamRoutes(api));
  await registerOpinionModule(app, deps.jobs, deps.logger);
  await registerOpinionAlerts(app, deps.jobs, deps.logger);
  await registerOpinionIncidents(app, deps.jobs, deps.logger);
  await registerConsole(app, deps.consoleDir);
  return app;
}

function handleError(this: FastifyInstance, err: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const locale = localeOf(request.headers['accept-language']);
  if (hasZodFastifySchemaValidationErrors(err)) {
    const details = err.validation.map((v) => ({
      field: v.instancePath.replace(/^\//, '').replaceAll('/', '.') || (err.validationContext ?? 'body'),
      messages: { 'zh-CN': chineseMessageOf(v), en: v.message ?? 'invalid' },
    }));
    const appError = errors.validation(details);
    return reply.status(400).send(errorBody(appError, locale));
  }
  if (err instanceof AppError) {
    if (err.headers) reply.headers(err.headers);
    return reply.status(err.status).send(errorBody(err, locale));
  }
  const status = err.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    const code = (err.code ?? 'bad_request').replace(/^FST_ERR_/, '').toLowerCase();
    const mapped = status === 413 ? errors.payloadTooLarge() : new AppError(status, code, { 'zh-CN': '请求无效', en: err.message }, null);
    return reply.status(status).send(errorBody(mapped, locale));
  }
  request.log.error({ err }, 'unhandled error');
  return reply.status(500).send(errorBody(errors.internal(), locale));
}
