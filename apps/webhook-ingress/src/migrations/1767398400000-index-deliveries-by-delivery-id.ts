import { type MigrationInterface, type QueryRunner, TableIndex } from 'typeorm';

/** Finds an earlier acceptance of a delivery, for `duplicate: true` beyond JetStream's window. */
export class IndexDeliveriesByDeliveryId1767398400000 implements MigrationInterface {
  name = 'IndexDeliveriesByDeliveryId1767398400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex(
      'webhook_deliveries',
      new TableIndex({ columnNames: ['trigger_id', 'delivery_id'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const table = await queryRunner.getTable('webhook_deliveries');
    const index = table?.indices.find((i) => i.columnNames.join() === 'trigger_id,delivery_id');
    if (index) await queryRunner.dropIndex('webhook_deliveries', index);
  }
}
