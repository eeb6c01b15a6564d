/** Every module's tables, gathered for drizzle-kit and the typed database handle. */
export * from '../../modules/org/org.tables.ts';
export * from '../../modules/messaging/messaging.tables.ts';
export * from '../../modules/channels/channels.tables.ts';
export * from '../../modules/content/content.tables.ts';
export * from '../../modules/experts/experts.tables.ts';
export * from '../../modules/portal/portal.tables.ts';
export * from '../../modules/targets/targets.tables.ts';
export * from '../../modules/team/team.tables.ts';
export * from '../../modules/opinion/opinion.tables.ts';
export * from '../../modules/opinion/alerts.tables.ts';
export * from '../../modules/opinion/incidents.tables.ts';
export * from '../../modules/opinion/classifier-model.tables.ts';
export * from '../notices/notices.tables.ts';
