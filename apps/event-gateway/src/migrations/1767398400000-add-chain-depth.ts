import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';

/** The event's `chaindepth`, passed on to its run requests so the runner can stop workflow loops. */
export class AddChainDepth1767398400000 implements MigrationInterface {
  name = 'AddChainDepth1767398400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn(
      'event_records',
      new TableColumn({ name: 'chain_depth', type: 'integer', isNullable: true }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('event_records', 'chain_depth');
  }
}
