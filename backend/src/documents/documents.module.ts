import { Inject, Module, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { DocumentsController } from './documents.controller';
import { DocumentsRepository } from './documents.repository';
import { DocumentsService } from './documents.service';
import { Scanner } from './scan/scanner';
import { DocumentStore } from './storage/document-store';
import { PostgresDocumentStore } from './storage/postgres-document-store';
import { S3DocumentStore } from './storage/s3-document-store';

/** The store the configuration names (DOCUMENT_STORE): PostgreSQL by default, or an S3-compatible bucket. */
export function documentStoreFor(config: AppConfig, dataSource: DataSource): DocumentStore {
  const settings = config.documentStore;
  // Uploads hold a connection while they stream: half the pool at most, so the rest of the API always has some.
  return settings.kind === 's3'
    ? new S3DocumentStore(settings)
    : new PostgresDocumentStore(dataSource, Math.max(1, Math.floor(config.dbPoolSize / 2)));
}

/** Documents on a case: uploads (streamed, recognised by their bytes, stored once), the list, the bytes, marking one in error. */
@Module({
  controllers: [DocumentsController],
  providers: [
    DocumentsService,
    DocumentsRepository,
    { provide: Scanner, inject: [AppConfig], useFactory: (config: AppConfig) => new Scanner(config.clamd) },
    { provide: DocumentStore, inject: [AppConfig, DataSource], useFactory: documentStoreFor },
  ],
  // The case report lists the documents as the case page does.
  exports: [DocumentsService],
})
export class DocumentsModule implements OnModuleInit, OnApplicationShutdown {
  constructor(@Inject(DocumentStore) private readonly store: DocumentStore) {}

  /** An S3 bucket that cannot be reached stops the start, with a message naming it (as a database that cannot be reached does). */
  async onModuleInit(): Promise<void> {
    if (this.store instanceof S3DocumentStore) await this.store.check();
  }

  onApplicationShutdown(): void {
    if (this.store instanceof S3DocumentStore) this.store.destroy();
  }
}
