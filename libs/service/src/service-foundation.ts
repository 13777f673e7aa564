import type { DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { PlatformEnv } from '@triggerline/config';
import { NatsModule } from '@triggerline/messaging-nest';
import { dataSourceOptions, type DataSourceSettings, openDataSource } from '@triggerline/persistence';
import { ServiceModule } from './service.module.js';

export interface ServiceFoundationOptions {
  /** The service name: NATS connection name, log and metric label. */
  name: string;
  env: PlatformEnv;
  entities: DataSourceSettings['entities'];
  migrations: DataSourceSettings['migrations'];
}

/**
 * What every service's AppModule imports first: its database (migrations run at start-up), the
 * NATS connection with the streams provisioned, and the service kit (API key, errors, logs,
 * health, metrics).
 */
export function serviceFoundation({
  name,
  env,
  entities,
  migrations,
}: ServiceFoundationOptions): DynamicModule[] {
  const database = dataSourceOptions({ url: env.DATABASE_URL, entities, migrations });
  return [
    TypeOrmModule.forRootAsync({
      useFactory: () => database,
      // Migrations one replica at a time: TypeORM's own migrationsRun takes no lock.
      dataSourceFactory: () => openDataSource(database),
    }),
    NatsModule.forRootAsync({
      useFactory: () => ({ servers: env.NATS_URL.join(','), name, replicas: env.NATS_REPLICAS }),
    }),
    ServiceModule.forRootAsync({
      useFactory: () => ({ name, apiKeys: env.API_KEYS, logLevel: env.LOG_LEVEL, database: true }),
    }),
  ];
}
