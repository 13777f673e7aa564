import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';

export class CreateSchedules1767312000000 implements MigrationInterface {
  name = 'CreateSchedules1767312000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // TypeORM's own column types and defaults per dialect, so the schema equals the entities'.
    const postgres = queryRunner.connection.driver.options.type === 'postgres';
    const instant = postgres ? 'timestamp' : 'datetime';
    const timestamp = { type: instant, default: postgres ? 'now()' : "datetime('now')" };
    await queryRunner.createTable(
      new Table({
        name: 'schedules',
        columns: [
          { name: 'workflow_id', type: 'varchar', length: '40', isPrimary: true },
          { name: 'schedule_type', type: 'varchar', length: '16' },
          { name: 'schedule', type: 'text' },
          { name: 'timezone', type: 'varchar', length: '64' },
          { name: 'workflow_version', type: 'integer' },
          { name: 'anchor_at', type: instant },
          { name: 'enabled', type: 'boolean' },
          { name: 'paused', type: 'boolean' },
          { name: 'pause_note', type: 'text', isNullable: true },
          { name: 'next_run', type: instant, isNullable: true },
          { name: 'last_run', type: instant, isNullable: true },
          { name: 'run_count', type: 'integer' },
          { name: 'error_count', type: 'integer' },
          { name: 'last_error', type: 'text', isNullable: true },
          { name: 'missed_count', type: 'integer' },
          { name: 'running_key', type: 'varchar', length: '200', isNullable: true },
          { name: 'created_at', ...timestamp },
          { name: 'updated_at', ...timestamp },
        ],
      }),
    );
    await queryRunner.createIndex('schedules', new TableIndex({ columnNames: ['enabled'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('schedules');
  }
}
