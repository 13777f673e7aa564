import { field } from '../event-type.js';

export const paymentEvents = [
  {
    type: 'payment.received',
    name: 'Payment Received',
    description: 'Triggered when a payment is received',
    category: 'payments',
    payloadSchema: {
      type: 'object',
      required: ['payment_id', 'invoice_id', 'amount', 'method'],
      properties: {
        payment_id: field.id,
        invoice_id: field.id,
        customer_id: field.id,
        amount: field.amount,
        currency: field.currency,
        method: field.text,
        received_at: field.dateTime,
        payment: field.object,
      },
      additionalProperties: true,
    },
  },
  {
    type: 'payment.failed',
    name: 'Payment Failed',
    description: 'Triggered when a payment attempt fails',
    category: 'payments',
    payloadSchema: {
      type: 'object',
      required: ['payment_id', 'invoice_id', 'amount', 'failed_at'],
      properties: {
        payment_id: field.id,
        invoice_id: field.id,
        customer_id: field.id,
        amount: field.amount,
        currency: field.currency,
        method: field.text,
        reason: field.text,
        failed_at: field.dateTime,
        payment: field.object,
      },
      additionalProperties: true,
    },
  },
  {
    type: 'payment.refunded',
    name: 'Payment Refunded',
    description: 'Triggered when a payment is refunded in full or in part',
    category: 'payments',
    payloadSchema: {
      type: 'object',
      required: ['payment_id', 'invoice_id', 'amount', 'refunded_at'],
      properties: {
        payment_id: field.id,
        refund_id: field.id,
        invoice_id: field.id,
        customer_id: field.id,
        amount: { ...field.amount, description: 'Amount refunded, in the currency unit' },
        currency: field.currency,
        reason: field.text,
        refunded_at: field.dateTime,
        payment: field.object,
      },
      additionalProperties: true,
    },
  },
] as const;
