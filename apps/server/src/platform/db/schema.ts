/** Every module's tables, gathered for drizzle-kit and the typed database handle. */
export * from '../../modules/org/org.tables.ts';
export * from '../../modules/messaging/messaging.tables.ts';
export * from '../../modules/channels/channels.tables.ts';
export * from '../../modules/content/content.tables.ts';
