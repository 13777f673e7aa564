import { field } from '../event-type.js';

export const userEvents = [
  {
    type: 'user.signed_up',
    name: 'User Signed Up',
    description: 'Triggered when a new user account is registered',
    category: 'users',
    payloadSchema: {
      type: 'object',
      required: ['user_id', 'email', 'signed_up_at'],
      properties: {
        user_id: field.id,
        email: field.email,
        name: field.text,
        signed_up_at: field.dateTime,
        user: field.object,
      },
      additionalProperties: true,
    },
  },
  {
    type: 'user.logged_in',
    name: 'User Logged In',
    description: 'Triggered when a user signs in',
    category: 'users',
    payloadSchema: {
      type: 'object',
      required: ['user_id', 'logged_in_at'],
      properties: {
        user_id: field.id,
        email: field.email,
        ip_address: field.text,
        user_agent: field.text,
        logged_in_at: field.dateTime,
        user: field.object,
      },
      additionalProperties: true,
    },
  },
] as const;
