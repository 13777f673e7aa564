import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';

export class CreateExecutions1767225600001 implements MigrationInterface {
  name = 'CreateExecutions1767225600001';

  async up(queryRunner: QueryRunner): Promise<void> {
    const iso = { type: 'varchar', length: '30' };
    // How TypeORM itself writes a false default on each dialect, so the schema equals the entities'.
    const falseDefault = queryRunner.connection.driver.options.type === 'postgres' ? false : 0;
    await queryRunner.createTable(
      new Table({
        name: 'executions',
        columns: [
          { name: 'id', type: 'varchar', length: '40', isPrimary: true },
          { name: 'workflow_id', type: 'varchar', length: '40' },
          { name: 'workflow_version', type: 'integer' },
          { name: 'idempotency_key', type: 'varchar', length: '300', isUnique: true },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'trigger', type: 'text' },
          { name: 'input', type: 'text' },
          { name: 'vars', type: 'text' },
          { name: 'plan', type: 'text' },
          { name: 'error', type: 'text', isNullable: true },
          { name: 'failed_step', type: 'varchar', length: '64', isNullable: true },
          { name: 'cancel_requested', type: 'boolean', default: falseDefault },
          { name: 'correlation_id', type: 'varchar', length: '100', isNullable: true },
          { name: 'requested_at', ...iso },
          { name: 'created_at', ...iso },
          { name: 'started_at', ...iso, isNullable: true },
          { name: 'finished_at', ...iso, isNullable: true },
        ],
      }),
    );
    await queryRunner.createIndex('executions', new TableIndex({ columnNames: ['status'] }));
    await queryRunner.createIndex(
      'executions',
      new TableIndex({ columnNames: ['workflow_id', 'created_at'] }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'step_results',
        columns: [
          { name: 'execution_id', type: 'varchar', length: '40', isPrimary: true },
          { name: 'step_id', type: 'varchar', length: '64', isPrimary: true },
          { name: 'position', type: 'integer' },
          { name: 'step_type', type: 'varchar', length: '32' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'attempts', type: 'integer', default: 0 },
          { name: 'input', type: 'text', isNullable: true },
          { name: 'output', type: 'text', isNullable: true },
          { name: 'error', type: 'text', isNullable: true },
          { name: 'resume_at', ...iso, isNullable: true },
          { name: 'started_at', ...iso },
          { name: 'finished_at', ...iso, isNullable: true },
        ],
      }),
    );
    await queryRunner.createIndex(
      'step_results',
      new TableIndex({ columnNames: ['execution_id', 'position'] }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'run_slots',
        columns: [
          { name: 'workflow_id', type: 'varchar', length: '40', isPrimary: true },
          { name: 'slot', type: 'integer', isPrimary: true },
          { name: 'execution_id', type: 'varchar', length: '40', isUnique: true },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('run_slots');
    await queryRunner.dropTable('step_results');
    await queryRunner.dropTable('executions');
  }
}
