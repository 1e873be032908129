import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { dataSourceOptions } from '#database';
import { API_CONFIG, type ApiConfig } from '../config/api-config.js';

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [API_CONFIG],
      useFactory: (c: ApiConfig) => ({
        ...dataSourceOptions(c.DATABASE_URL),
        migrationsRun: c.DB_MIGRATE,
        // Do not keep the api from starting while the database is briefly away; health says so.
        retryAttempts: 30,
        retryDelay: 1000,
      }),
    }),
  ],
})
export class DatabaseModule {}
