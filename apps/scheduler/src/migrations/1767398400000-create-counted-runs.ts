import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';

export class CreateCountedRuns1767398400000 implements MigrationInterface {
  name = 'CreateCountedRuns1767398400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const postgres = queryRunner.connection.driver.options.type === 'postgres';
    await queryRunner.createTable(
      new Table({
        name: 'counted_runs',
        columns: [
          { name: 'idempotency_key', type: 'varchar', length: '200', isPrimary: true },
          {
            name: 'counted_at',
            type: postgres ? 'timestamp' : 'datetime',
            default: postgres ? 'now()' : "datetime('now')",
          },
        ],
      }),
    );
    await queryRunner.createIndex('counted_runs', new TableIndex({ columnNames: ['counted_at'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('counted_runs');
  }
}
