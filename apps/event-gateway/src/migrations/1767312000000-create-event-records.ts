import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';

export class CreateEventRecords1767312000000 implements MigrationInterface {
  name = 'CreateEventRecords1767312000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // TypeORM's own column types per dialect, so the schema equals the entity's.
    const timestamp = queryRunner.connection.driver.options.type === 'postgres' ? 'timestamp' : 'datetime';
    await queryRunner.createTable(
      new Table({
        name: 'event_records',
        columns: [
          {
            name: 'seq',
            type: 'integer',
            isPrimary: true,
            isGenerated: true,
            generationStrategy: 'increment',
          },
          { name: 'event_id', type: 'varchar', length: '200' },
          { name: 'type', type: 'varchar', length: '200' },
          { name: 'source', type: 'varchar', length: '500', isNullable: true },
          { name: 'customer_id', type: 'varchar', length: '200', isNullable: true },
          { name: 'time', type: timestamp },
          { name: 'received_at', type: timestamp },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'payload', type: 'text', isNullable: true },
          { name: 'errors', type: 'text', isNullable: true },
          { name: 'workflow_ids', type: 'text' },
          { name: 'runs_requested_at', type: timestamp, isNullable: true },
        ],
      }),
    );
    await queryRunner.createIndex(
      'event_records',
      new TableIndex({ columnNames: ['event_id'], isUnique: true }),
    );
    for (const column of ['type', 'customer_id', 'received_at', 'status']) {
      await queryRunner.createIndex('event_records', new TableIndex({ columnNames: [column] }));
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('event_records');
  }
}
