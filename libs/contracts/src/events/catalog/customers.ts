import { field } from '../event-type.js';

export const customerEvents = [
  {
    type: 'customer.created',
    name: 'Customer Created',
    description: 'Triggered when a new customer is added',
    category: 'customers',
    payloadSchema: {
      type: 'object',
      required: ['customer_id', 'name', 'email'],
      properties: {
        customer_id: field.id,
        name: field.text,
        email: field.email,
        company: field.nullableText,
        customer: field.object,
      },
      additionalProperties: true,
    },
  },
  {
    type: 'customer.updated',
    name: 'Customer Updated',
    description: "Triggered when a customer's details change",
    category: 'customers',
    payloadSchema: {
      type: 'object',
      required: ['customer_id', 'updated_at'],
      properties: {
        customer_id: field.id,
        name: field.text,
        email: field.email,
        company: field.text,
        changed_fields: { ...field.stringList, description: 'Names of the fields that changed' },
        updated_at: field.dateTime,
        customer: field.object,
      },
      additionalProperties: true,
    },
  },
  {
    type: 'customer.deleted',
    name: 'Customer Deleted',
    description: 'Triggered when a customer is deleted',
    category: 'customers',
    payloadSchema: {
      type: 'object',
      required: ['customer_id', 'deleted_at'],
      properties: {
        customer_id: field.id,
        name: field.text,
        email: field.email,
        deleted_at: field.dateTime,
        customer: field.object,
      },
      additionalProperties: true,
    },
  },
] as const;
