import { type MigrationInterface, type QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';

export class CreateWebhookTriggers1767312000000 implements MigrationInterface {
  name = 'CreateWebhookTriggers1767312000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // TypeORM's own column types and defaults per dialect, so the schema equals the entities'.
    const postgres = queryRunner.connection.driver.options.type === 'postgres';
    const timestampType = postgres ? 'timestamp' : 'datetime';
    const timestamp = { type: timestampType, default: postgres ? 'now()' : "datetime('now')" };
    const uuid = postgres
      ? { type: 'uuid', isPrimary: true, isGenerated: true, generationStrategy: 'uuid' as const }
      : { type: 'varchar', isPrimary: true };

    await queryRunner.createTable(
      new Table({
        name: 'webhook_triggers',
        columns: [
          { name: 'id', type: 'varchar', length: '40', isPrimary: true },
          { name: 'workflow_id', type: 'varchar', length: '40', isUnique: true },
          { name: 'workflow_status', type: 'varchar', length: '16' },
          { name: 'workflow_version', type: 'integer' },
          { name: 'path', type: 'varchar', length: '220', isUnique: true },
          { name: 'scheme', type: 'varchar', length: '16' },
          { name: 'enabled', type: 'boolean', default: postgres ? true : 1 },
          { name: 'trigger_count', type: 'integer', default: 0 },
          { name: 'rejected_count', type: 'integer', default: 0 },
          { name: 'last_triggered_at', type: timestampType, isNullable: true },
          { name: 'created_at', ...timestamp },
          { name: 'updated_at', ...timestamp },
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'webhook_secrets',
        columns: [
          { name: 'id', ...uuid },
          { name: 'trigger_id', type: 'varchar', length: '40' },
          { name: 'secret', type: 'varchar', length: '200' },
          { name: 'expires_at', type: timestampType, isNullable: true },
          { name: 'created_at', ...timestamp },
        ],
      }),
    );
    await queryRunner.createIndex('webhook_secrets', new TableIndex({ columnNames: ['trigger_id'] }));
    await queryRunner.createForeignKey(
      'webhook_secrets',
      new TableForeignKey({
        columnNames: ['trigger_id'],
        referencedTableName: 'webhook_triggers',
        referencedColumnNames: ['id'],
        onDelete: 'CASCADE',
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'webhook_deliveries',
        columns: [
          { name: 'id', ...uuid },
          { name: 'trigger_id', type: 'varchar', length: '40' },
          { name: 'received_at', type: timestampType },
          { name: 'verified', type: 'boolean' },
          { name: 'status', type: 'integer' },
          { name: 'rejection_reason', type: 'varchar', length: '40', isNullable: true },
          { name: 'delivery_id', type: 'varchar', length: '200', isNullable: true },
          { name: 'duplicate', type: 'boolean', default: postgres ? false : 0 },
          { name: 'size_bytes', type: 'integer' },
          { name: 'headers', type: 'text' },
          { name: 'body', type: 'text' },
          { name: 'body_truncated', type: 'boolean', default: postgres ? false : 0 },
        ],
      }),
    );
    await queryRunner.createIndex(
      'webhook_deliveries',
      new TableIndex({ columnNames: ['trigger_id', 'received_at'] }),
    );
    await queryRunner.createIndex('webhook_deliveries', new TableIndex({ columnNames: ['received_at'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('webhook_deliveries');
    await queryRunner.dropTable('webhook_secrets');
    await queryRunner.dropTable('webhook_triggers');
  }
}
