import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';

export class CreateWorkflows1767225600000 implements MigrationInterface {
  name = 'CreateWorkflows1767225600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // TypeORM's own column types and defaults per dialect, so the schema equals the entities'.
    const postgres = queryRunner.connection.driver.options.type === 'postgres';
    const timestamp = {
      type: postgres ? 'timestamp' : 'datetime',
      default: postgres ? 'now()' : "datetime('now')",
    };
    await queryRunner.createTable(
      new Table({
        name: 'workflows',
        columns: [
          { name: 'id', type: 'varchar', length: '40', isPrimary: true },
          { name: 'name', type: 'varchar', length: '200' },
          { name: 'description', type: 'text', isNullable: true },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'trigger_type', type: 'varchar', length: '16' },
          { name: 'trigger_event', type: 'varchar', length: '64', isNullable: true },
          { name: 'trigger', type: 'text' },
          { name: 'steps', type: 'text' },
          { name: 'max_concurrency', type: 'integer', isNullable: true },
          { name: 'timeout_seconds', type: 'integer', isNullable: true },
          { name: 'version', type: 'integer' },
          { name: 'published_version', type: 'integer', default: 0 },
          { name: 'deleted_at', type: 'varchar', length: '40', isNullable: true },
          { name: 'created_at', ...timestamp },
          { name: 'updated_at', ...timestamp },
        ],
      }),
    );
    await queryRunner.createIndex('workflows', new TableIndex({ columnNames: ['status'] }));
    await queryRunner.createIndex('workflows', new TableIndex({ columnNames: ['trigger_type'] }));
    await queryRunner.createIndex('workflows', new TableIndex({ columnNames: ['trigger_event'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('workflows');
  }
}
