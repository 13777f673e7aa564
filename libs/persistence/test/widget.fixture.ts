import { Column, Entity, type MigrationInterface, PrimaryColumn, type QueryRunner, Table } from 'typeorm';

/** A table with a unique key, standing in for a service's idempotency-keyed rows. */
@Entity('widgets')
export class Widget {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ type: 'varchar', length: 200, unique: true })
  idempotencyKey!: string;
}

export class CreateWidgets1767225600000 implements MigrationInterface {
  name = 'CreateWidgets1767225600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'widgets',
        columns: [
          { name: 'id', type: 'varchar', length: '64', isPrimary: true },
          { name: 'idempotencyKey', type: 'varchar', length: '200', isUnique: true },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('widgets');
  }
}
